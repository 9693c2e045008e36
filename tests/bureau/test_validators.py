import pytest
from django.core.exceptions import ValidationError

from bureau.validators import (
    mask_id_number,
    validate_credit_code,
    validate_id_number,
    validate_law_firm_credit_code,
)

# Published examples with correct check characters.
VALID_CREDIT_CODES = ["91350100M000100Y43", "91110000600037341L"]
VALID_ID_NUMBERS = ["11010519491231002X", "440524188001010014"]


@pytest.mark.parametrize("code", VALID_CREDIT_CODES)
def test_valid_credit_codes_accepted(code):
    validate_credit_code(code)


@pytest.mark.parametrize(
    "code, message",
    [
        ("91350100M000100Y44", "校验位不正确"),
        ("91350100M000100Y4", "应为18位"),
        ("91350100M000100I43", "不允许的字符"),
    ],
)
def test_bad_credit_codes_refused_with_message(code, message):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(code)
    assert message in exc.value.messages[0]


def test_non_31_credit_code_refused_for_a_law_firm():
    with pytest.raises(ValidationError) as exc:
        validate_law_firm_credit_code(VALID_CREDIT_CODES[0])
    assert "31" in exc.value.messages[0]


@pytest.mark.parametrize("number", VALID_ID_NUMBERS)
def test_valid_id_numbers_accepted(number):
    validate_id_number(number)


@pytest.mark.parametrize(
    "number, message",
    [
        ("110105194912310021", "校验位不正确"),
        ("11010519491331002X", "出生日期无效"),
        ("1101051949123100", "应为18位"),
        ("11010519491231002Y", "应为18位"),
    ],
)
def test_bad_id_numbers_refused_with_message(number, message):
    with pytest.raises(ValidationError) as exc:
        validate_id_number(number)
    assert message in exc.value.messages[0]


def test_mask_keeps_four_and_four():
    assert mask_id_number("62010219900101123X") == "6201**********123X"
