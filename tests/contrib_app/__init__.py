"""A test-only app that contributes through bureau.contrib (see contrib.py)."""

SECTION_TITLE = "测试应用的统计"
CARD_LABEL = "测试应用的待办事项"
