"""The dialogue stage: the decision policy, follow-ups and conversations."""
