"""End to end: the real Application and PTB stack against the fake Bot API on 127.0.0.1."""

from __future__ import annotations

import sys
import time
import types
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fake_bot_api import BOT_USERNAME, FakeBotApi, Fault, html_error, visible
from telegram_helpers import (
    LONG_LINE,
    FakeEngine,
    bot_message,
    callback_update,
    group,
    inline_update,
    message,
    private,
    running_bot,
    settings_for,
    text_update,
    user,
)

from bot.answer_types import ChartRequest
from bot.telegram_app import (
    APOLOGY,
    BRON_QUESTION,
    EXAMPLES,
    EXPIRED_CHOICE,
    GROUP_COMMANDS,
    NOT_AVAILABLE,
    OPENINGSUREN_QUESTION,
    PRIVATE_COMMANDS,
    TEXT_ONLY,
)

GROUP = group(-1001234567890)
ANNE, BART = user(501, "Anne"), user(502, "Bart")


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotApi, engine: FakeEngine) -> AsyncIterator[FakeBotApi]:
    """The fake API with the bot polling it."""
    async with running_bot(api, lambda: engine):
        yield api


def questions(engine: FakeEngine) -> list[str]:
    return [q for kind, q, _ in engine.calls if kind == "answer"]


def shown(call: Any) -> str:
    return visible(call.text, call.params.get("parse_mode"))


# --- private chats ---------------------------------------------------------------------------

async def test_private_question_gets_one_answer_after_typing(bot: FakeBotApi,
                                                             engine: FakeEngine) -> None:
    bot.push(text_update("hoeveel gesprekken in mei", private(11), user(11)))
    [reply] = await bot.wait_sent(chat_id=11)
    assert shown(reply) == "Je vroeg: hoeveel gesprekken in mei\nBron: testbron"
    assert reply.params["parse_mode"] == "HTML"
    assert reply.reply_to is None  # no quoting in a private chat
    actions = bot.sent("sendChatAction", chat_id=11)
    assert actions and actions[0].params["action"] == "typing" and actions[0].at <= reply.at
    assert questions(engine) == ["hoeveel gesprekken in mei"]


@pytest.mark.parametrize("question", [
    "<b>vet</b> hoeveel?", "_*[`]~ hoeveel?", "a & b < c > d", "</pre><pre>", "&amp; &lt;",
    'x" onclick="y', "<a href='https://x'>x</a>",
])
async def test_markup_in_question_is_echoed_literally(bot: FakeBotApi, question: str) -> None:
    bot.push(text_update(question, private(12), user(12)))
    [reply] = await bot.wait_sent(chat_id=12)  # the fake refuses malformed HTML with 400
    assert shown(reply) == f"Je vroeg: {question}\nBron: testbron"
    assert bot.of("sendMessage")[0].outcome != "refused"


async def test_follow_up_continues_the_context(bot: FakeBotApi, engine: FakeEngine) -> None:
    bot.push(text_update("gesprekken in 2019", private(13), user(13)))
    await bot.wait_sent(chat_id=13)
    bot.push(text_update("en in 2020?", private(13), user(13)))
    replies = await bot.wait_sent(2, chat_id=13)
    assert "(vervolg op: gesprekken in 2019)" in shown(replies[1])


async def test_long_answer_is_split_at_line_boundaries(bot: FakeBotApi) -> None:
    bot.push(text_update("een lang antwoord", private(14), user(14)))
    await bot.wait_sent(2, chat_id=14)
    await bot.settle()
    replies = bot.sent(chat_id=14)
    assert len(replies) == 2
    lines = [line for r in replies for line in shown(r).split("\n")]
    assert lines == [f"{i:03d} {LONG_LINE}" for i in range(80)]
    assert all(html_error(r.text) is None for r in replies)


async def test_table_goes_in_pre(bot: FakeBotApi) -> None:
    bot.push(text_update("een tabel graag", private(15), user(15)))
    [reply] = await bot.wait_sent(chat_id=15)
    assert reply.text == ("Per jaar:\n\n<pre>jaar  &lt;aantal&gt; &amp; co\n2019  440\n"
                          "2020  658</pre>")


@pytest.mark.parametrize(("command", "expected"), [
    ("/bron", BRON_QUESTION),
    ("/openingsuren", OPENINGSUREN_QUESTION),
    ("/grafiek", "grafiek gesprekken"),
    ("/grafiek nieuwe oproepers", "grafiek nieuwe oproepers"),
    ("/vraag hoeveel gesprekken", "hoeveel gesprekken"),
])
async def test_commands_ask_the_engine(bot: FakeBotApi, engine: FakeEngine, command: str,
                                       expected: str) -> None:
    bot.push(text_update(command, private(16), user(16)))
    await bot.wait_sent(chat_id=16)
    assert questions(engine) == [expected]


@pytest.mark.parametrize(("command", "needle"), [
    ("/start", EXAMPLES[0]),
    ("/help", "Zo stel je een vraag"),
    ("/voorbeelden", EXAMPLES[-1]),
    ("/vraag", "Zet je vraag achter /vraag"),
    ("/onbekend", "/help"),
])
async def test_static_commands(bot: FakeBotApi, engine: FakeEngine, command: str,
                               needle: str) -> None:
    bot.push(text_update(command, private(17), user(17)))
    [reply] = await bot.wait_sent(chat_id=17)
    assert needle in shown(reply)
    assert engine.calls == []


async def test_non_text_gets_a_hint(bot: FakeBotApi, engine: FakeEngine) -> None:
    sticker = {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1,
               "height": 1, "is_animated": False, "is_video": False}
    update = text_update("", private(18), user(18))
    del update["message"]["text"]
    update["message"]["sticker"] = sticker
    bot.push(update)
    [reply] = await bot.wait_sent(chat_id=18)
    assert shown(reply) == TEXT_ONLY


async def test_command_menus_are_registered_per_scope(bot: FakeBotApi) -> None:
    menus = {c.json("scope")["type"]: [x["command"] for x in c.json("commands")]
             for c in bot.sent("setMyCommands")}
    assert menus == {"all_private_chats": [c for c, _ in PRIVATE_COMMANDS],
                     "all_group_chats": [c for c, _ in GROUP_COMMANDS]}


# --- groups ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    f"@{BOT_USERNAME} hoeveel gesprekken in mei",
    f"hoeveel gesprekken in mei @{BOT_USERNAME}",
    f"@{BOT_USERNAME.upper()}, hoeveel gesprekken in mei",
    "/vraag hoeveel gesprekken in mei",
    f"/vraag@{BOT_USERNAME} hoeveel gesprekken in mei",
])
async def test_group_answers_when_addressed(bot: FakeBotApi, engine: FakeEngine,
                                            text: str) -> None:
    update = text_update(text, GROUP, ANNE)
    bot.push(update)
    [reply] = await bot.wait_sent(chat_id=GROUP["id"])
    assert reply.reply_to == update["message"]["message_id"]
    assert questions(engine) == ["hoeveel gesprekken in mei"]


async def test_group_reply_to_the_bot_is_a_question(bot: FakeBotApi,
                                                    engine: FakeEngine) -> None:
    earlier = bot_message("Je vroeg: iets", GROUP, message_id=77)
    update = text_update("en in juni?", GROUP, ANNE, reply_to=earlier)
    bot.push(update)
    [reply] = await bot.wait_sent(chat_id=GROUP["id"])
    assert reply.reply_to == update["message"]["message_id"]
    assert questions(engine) == ["en in juni?"]


@pytest.mark.parametrize("text", [
    "hoeveel gesprekken in mei",
    "@iemand_anders hoeveel gesprekken",
    "/vraag@ander_bot hoeveel gesprekken",
    "mail naar info@hulplijn_testbot.example",
])
async def test_group_chatter_is_ignored(bot: FakeBotApi, engine: FakeEngine,
                                        text: str) -> None:
    other = message("iets", GROUP, BART)
    bot.push(text_update(text, GROUP, ANNE))
    bot.push(text_update("ja", GROUP, ANNE, reply_to=other))
    await bot.settle()
    assert bot.sent(chat_id=GROUP["id"]) == []
    assert bot.sent("sendChatAction") == []
    assert engine.calls == []


@pytest.mark.parametrize("text", [f"@{BOT_USERNAME}", "/vraag", f"/vraag@{BOT_USERNAME}"])
async def test_group_empty_question_gets_a_hint(bot: FakeBotApi, engine: FakeEngine,
                                                text: str) -> None:
    bot.push(text_update(text, GROUP, ANNE))
    [reply] = await bot.wait_sent(chat_id=GROUP["id"])
    assert "Zet je vraag achter" in shown(reply)
    assert engine.calls == []


async def test_group_contexts_are_per_user(bot: FakeBotApi, engine: FakeEngine) -> None:
    for sender, text in ((ANNE, "/vraag gesprekken 2019"), (BART, "/vraag oproepers 2020"),
                         (ANNE, "/vraag en 2020?")):
        bot.push(text_update(text, GROUP, sender))
    replies = await bot.wait_sent(3, chat_id=GROUP["id"])
    anne_follow_up = [r for r in replies if "en 2020?" in shown(r)]
    assert "(vervolg op: gesprekken 2019)" in shown(anne_follow_up[0])


# --- "Bedoelde je ...?" buttons ---------------------------------------------------------------

async def ask_ambiguous(bot: FakeBotApi, asker: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    bot.push(text_update("/vraag wat bedoel ik", GROUP, asker))
    [options] = await bot.wait_sent(chat_id=GROUP["id"])
    buttons = [dict(b) for b in options.buttons]
    on_message = bot_message(options.text, GROUP, options.result["message_id"], buttons)
    return on_message, options


async def test_button_pressed_by_another_user_continues_the_askers_context(
        bot: FakeBotApi, engine: FakeEngine) -> None:
    on_message, options = await ask_ambiguous(bot, ANNE)
    assert [b["text"] for b in options.buttons] == ["gesprekken in mei", "oproepers in mei"]
    assert [b["callback_data"] for b in options.buttons] == [
        f"k|{ANNE['id']}|gesprekken_maand", f"k|{ANNE['id']}|oproepers_maand"]

    bot.push(callback_update(options.buttons[0]["callback_data"], BART, on_message))
    answer = (await bot.wait_sent(2, chat_id=GROUP["id"]))[1]
    assert shown(answer) == "Gekozen: gesprekken_maand (bij: wat bedoel ik)"
    [ack] = bot.sent("answerCallbackQuery")
    assert "text" not in ack.params and ack.at <= answer.at
    await bot.wait_sent(method="editMessageReplyMarkup")  # the buttons are gone

    # Anne's next question continues from her choice; Bart has no context of his own.
    bot.push(text_update("/vraag en in juni", GROUP, ANNE))
    follow_up = (await bot.wait_sent(3, chat_id=GROUP["id"]))[2]
    assert "(vervolg op: gesprekken_maand)" in shown(follow_up)


async def test_button_pressed_twice_is_expired_the_second_time(bot: FakeBotApi) -> None:
    on_message, options = await ask_ambiguous(bot, ANNE)
    data = options.buttons[1]["callback_data"]
    bot.push(callback_update(data, ANNE, on_message))
    await bot.wait_sent(2, chat_id=GROUP["id"])
    bot.push(callback_update(data, BART, on_message))
    acks = await bot.wait_sent(2, method="answerCallbackQuery")
    assert acks[1].params["text"] == EXPIRED_CHOICE
    await bot.settle()
    assert len(bot.sent(chat_id=GROUP["id"])) == 2


@pytest.mark.parametrize("data", ["zomaar", "k|abc|x", "k|501|", "h|501|onbekend"])
async def test_unknown_button_data_is_acknowledged(bot: FakeBotApi, data: str) -> None:
    on_message = bot_message("oud", GROUP, message_id=5)
    bot.push(callback_update(data, ANNE, on_message))
    [ack] = await bot.wait_sent(method="answerCallbackQuery")
    assert ack.params["text"] == EXPIRED_CHOICE


# --- inline mode -----------------------------------------------------------------------------

async def test_inline_query_offers_the_answer_without_context(bot: FakeBotApi,
                                                              engine: FakeEngine) -> None:
    bot.push(text_update("gesprekken 2019", private(21), user(21)))  # a context to ignore
    await bot.wait_sent(chat_id=21)
    bot.push(inline_update("hoeveel <gesprekken> in mei", user(21)))
    [call] = await bot.wait_sent(method="answerInlineQuery")
    [result] = call.json("results")
    assert result["type"] == "article"
    assert result["title"] == "hoeveel <gesprekken> in mei"
    content = result["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert visible(content["message_text"], "HTML") == (
        "Je vroeg: hoeveel <gesprekken> in mei\nBron: testbron")
    assert call.json("cache_time") <= 60
    assert engine.calls[-1][2] is None  # no context


async def test_empty_inline_query_offers_examples(bot: FakeBotApi) -> None:
    bot.push(inline_update("", user(22)))
    [call] = await bot.wait_sent(method="answerInlineQuery")
    assert [r["title"] for r in call.json("results")] == list(EXAMPLES)


async def test_ambiguous_inline_query_offers_each_reading(bot: FakeBotApi) -> None:
    bot.push(inline_update("wat bedoel ik", user(23)))
    [call] = await bot.wait_sent(method="answerInlineQuery")
    assert [r["title"] for r in call.json("results")] == ["gesprekken in mei",
                                                         "oproepers in mei"]


# --- charts ----------------------------------------------------------------------------------

@pytest.fixture
def fake_charts(monkeypatch: pytest.MonkeyPatch) -> list[ChartRequest]:
    requests: list[ChartRequest] = []

    def render_png(store: object, request: ChartRequest) -> bytes:
        requests.append(request)
        return b"\x89PNG fake"

    module = types.ModuleType("bot.charts")
    module.render_png = render_png  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bot.charts", module)
    return requests


async def test_chart_goes_out_as_photo_with_caption(fake_charts: list[ChartRequest],
                                                    bot: FakeBotApi) -> None:
    bot.push(text_update("/grafiek", GROUP, ANNE))
    [photo] = await bot.wait_sent(method="sendPhoto", chat_id=GROUP["id"])
    assert photo.files["photo"] == b"\x89PNG fake"
    assert photo.params["caption"] == "Grafiek van gesprekken."
    assert photo.reply_to is not None
    assert fake_charts == [ChartRequest("maanden", "gesprekken")]
    await bot.settle()
    assert bot.sent(chat_id=GROUP["id"]) == []  # the text went in the caption


async def test_chart_with_long_text_gets_a_short_caption(
        fake_charts: list[ChartRequest], bot: FakeBotApi, engine: FakeEngine,
        monkeypatch: pytest.MonkeyPatch) -> None:
    plain = engine.answer

    def long_chart(question: str, context: Any) -> Any:
        ans = plain(question, context)
        ans.text = "Grafiek van alles.\n" + "\n".join([LONG_LINE] * 20)
        return ans

    monkeypatch.setattr(engine, "answer", long_chart)
    bot.push(text_update("grafiek alles", private(31), user(31)))
    [photo] = await bot.wait_sent(method="sendPhoto", chat_id=31)
    [text] = await bot.wait_sent(chat_id=31)
    assert photo.params["caption"] == "Grafiek van alles."
    assert shown(text).count(LONG_LINE) == 20


@pytest.mark.parametrize("charts_module", [None, "broken"])
async def test_chart_unavailable_sends_text_only(
        monkeypatch: pytest.MonkeyPatch, api: FakeBotApi, engine: FakeEngine,
        charts_module: str | None) -> None:
    module: Any = None  # None in sys.modules makes the import raise ImportError
    if charts_module == "broken":
        module = types.ModuleType("bot.charts")

        def render_png(store: object, request: ChartRequest) -> bytes:
            raise RuntimeError("no fonts")

        module.render_png = render_png
    monkeypatch.setitem(sys.modules, "bot.charts", module)
    async with running_bot(api, lambda: engine):
        api.push(text_update("/grafiek", private(32), user(32)))
        [reply] = await api.wait_sent(chat_id=32)
        await api.settle()
    assert shown(reply) == "Grafiek van gesprekken."
    assert api.sent("sendPhoto") == []


# --- flood control and failures --------------------------------------------------------------

@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # inside PTB
async def test_retry_after_delays_the_reply_and_sends_it_once(api: FakeBotApi,
                                                              engine: FakeEngine) -> None:
    api.script("sendMessage", Fault("retry_after", 1))
    async with running_bot(api, lambda: engine):
        api.push(text_update("hoeveel gesprekken", private(41), user(41)))
        [reply] = await api.wait_sent(chat_id=41)
        await api.settle()
    attempts = api.of("sendMessage")
    assert [c.outcome for c in attempts] == ["retry_after", "ok"]
    assert attempts[1].at - attempts[0].at >= 1.0
    assert api.sent(chat_id=41) == [reply]


@pytest.mark.parametrize("status", [500, 502])
async def test_server_error_is_retried_once_delivered(api: FakeBotApi, engine: FakeEngine,
                                                      status: int) -> None:
    api.script("sendMessage", Fault("status", status))
    async with running_bot(api, lambda: engine):
        api.push(text_update("hoeveel gesprekken", private(42), user(42)))
        await api.wait_sent(chat_id=42)
        await api.settle()
    assert [c.outcome for c in api.of("sendMessage")] == ["status", "ok"]


async def test_dropped_connection_is_not_resent_but_apologised_for(
        api: FakeBotApi, engine: FakeEngine, caplog: pytest.LogCaptureFixture) -> None:
    # The dropped request may have been delivered: sending it again could duplicate it.
    api.script("sendMessage", Fault("drop"))
    async with running_bot(api, lambda: engine):
        api.push(text_update("hoeveel gesprekken", private(43), user(43)))
        [apology] = await api.wait_sent(chat_id=43)
        await api.settle()
    assert [c.outcome for c in api.of("sendMessage")] == ["drop", "ok"]
    assert apology.text == APOLOGY
    assert any("error while handling update" in r.message for r in caplog.records)


async def test_engine_error_is_logged_and_apologised_for(
        bot: FakeBotApi, engine: FakeEngine, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(question: str, context: Any) -> Any:
        raise RuntimeError("kapot")

    monkeypatch.setattr(engine, "answer", broken)
    bot.push(text_update("/vraag hoeveel", GROUP, ANNE))
    [apology] = await bot.wait_sent(chat_id=GROUP["id"])
    assert apology.text == APOLOGY and apology.reply_to is not None
    [record] = [r for r in caplog.records if "error while handling update" in r.message]
    assert record.exc_info is not None and "kapot" in str(record.exc_info[1])
    assert "/vraag hoeveel" in record.message


# --- allow-lists -----------------------------------------------------------------------------

@pytest.mark.parametrize(("env", "chat", "sender", "allowed"), [
    ({"HULPLIJNBOT_ALLOWED_CHATS": "51"}, private(51), user(51), True),
    ({"HULPLIJNBOT_ALLOWED_CHATS": "51"}, private(52), user(52), False),
    ({"HULPLIJNBOT_ALLOWED_CHATS": f"51,{GROUP['id']}"}, GROUP, user(52), True),
    ({"HULPLIJNBOT_ALLOWED_USERS": "51"}, GROUP, user(52), False),
    ({"HULPLIJNBOT_ALLOWED_USERS": "51"}, GROUP, user(51), True),
    ({"HULPLIJNBOT_ALLOWED_USERS": "51", "HULPLIJNBOT_ALLOWED_CHATS": "51"}, GROUP, user(51),
     False),
])
async def test_allow_lists(api: FakeBotApi, engine: FakeEngine, env: dict[str, str],
                           chat: dict[str, Any], sender: dict[str, Any], allowed: bool) -> None:
    async with running_bot(api, lambda: engine, settings_for(api, **env)):
        api.push(text_update("/vraag hoeveel gesprekken", chat, sender))
        [reply] = await api.wait_sent(chat_id=chat["id"])
        await api.settle()
    assert (shown(reply) != NOT_AVAILABLE) is allowed
    assert bool(engine.calls) is allowed


async def test_allow_list_stays_quiet_on_unaddressed_group_chatter(
        api: FakeBotApi, engine: FakeEngine) -> None:
    settings = settings_for(api, HULPLIJNBOT_ALLOWED_CHATS="1")
    async with running_bot(api, lambda: engine, settings):
        api.push(text_update("gewoon gepraat", GROUP, ANNE))
        await api.settle()
    assert api.sent(chat_id=GROUP["id"]) == []


async def test_allow_list_applies_to_inline_queries_and_buttons(
        api: FakeBotApi, engine: FakeEngine) -> None:
    settings = settings_for(api, HULPLIJNBOT_ALLOWED_USERS="51")
    async with running_bot(api, lambda: engine, settings):
        api.push(inline_update("hoeveel gesprekken", user(52)))
        api.push(callback_update("k|52|x", user(52), bot_message("x", GROUP, 9)))
        api.push(inline_update("hoeveel gesprekken", user(51)))
        inline = await api.wait_sent(2, method="answerInlineQuery")
        [ack] = await api.wait_sent(method="answerCallbackQuery")
    refused, allowed = sorted(inline, key=lambda c: len(c.json("results")))
    assert refused.json("results") == [] and refused.json("button")["text"] == NOT_AVAILABLE
    assert len(allowed.json("results")) == 1 and allowed.json("is_personal") is True
    assert ack.params["text"] == NOT_AVAILABLE
    assert [q for _, q, _ in engine.calls] == ["hoeveel gesprekken"]


async def test_engine_opened_once_and_closed_at_shutdown(api: FakeBotApi) -> None:
    opened: list[FakeEngine] = []

    def factory() -> FakeEngine:
        opened.append(FakeEngine())
        return opened[-1]

    async with running_bot(api, factory):
        for i in range(3):
            api.push(text_update(f"vraag {i}", private(61), user(61)))
        await api.wait_sent(3, chat_id=61)
        assert len(opened) == 1 and not opened[0].closed
    assert opened[0].closed


async def test_many_questions_each_answered_exactly_once(bot: FakeBotApi) -> None:
    started = time.monotonic()
    chats = range(100, 115)
    for chat_id in chats:
        bot.push(text_update(f"vraag van {chat_id}", private(chat_id), user(chat_id)))
    await bot.wait_sent(len(chats))
    assert time.monotonic() - started < 5
    await bot.settle()
    for chat_id in chats:
        [reply] = bot.sent(chat_id=chat_id)
        assert shown(reply).startswith(f"Je vroeg: vraag van {chat_id}")
