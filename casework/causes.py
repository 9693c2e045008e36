"""案由 by case type: the common causes offered while typing, and the check that a cause fits the
chosen type (行政 with 民间借贷纠纷 is a slip that would put the case under the wrong letter)."""

from django.utils.translation import gettext_lazy as _

from .models import CaseType

# Common causes, after the Supreme People's Court's catalogues of civil and administrative causes
# and the Criminal Law's names of offences. Not exhaustive: any cause may be typed.
CATALOGUE = {
    CaseType.CRIMINAL: [
        "盗窃罪",
        "诈骗罪",
        "故意伤害罪",
        "危险驾驶罪",
        "交通肇事罪",
        "寻衅滋事罪",
        "开设赌场罪",
        "帮助信息网络犯罪活动罪",
        "非法吸收公众存款罪",
        "职务侵占罪",
        "贪污罪",
        "受贿罪",
    ],
    CaseType.CIVIL: [
        "民间借贷纠纷",
        "买卖合同纠纷",
        "建设工程施工合同纠纷",
        "房屋租赁合同纠纷",
        "离婚纠纷",
        "继承纠纷",
        "机动车交通事故责任纠纷",
        "劳动争议",
        "物业服务合同纠纷",
        "金融借款合同纠纷",
        "提供劳务者受害责任纠纷",
        "生命权、身体权、健康权纠纷",
    ],
    CaseType.ADMINISTRATIVE: [
        "行政处罚",
        "行政许可",
        "行政强制",
        "行政确认",
        "行政复议",
        "行政赔偿",
        "行政协议",
        "政府信息公开",
        "工伤认定",
        "房屋征收补偿",
        "土地行政登记",
        "不履行法定职责",
    ],
    CaseType.ARBITRATION: ["劳动争议", "买卖合同纠纷", "建设工程施工合同纠纷", "股权转让纠纷"],
    CaseType.NON_LITIGATION: ["法律顾问", "尽职调查", "出具法律意见书", "合同审查", "律师见证"],
    CaseType.OTHER: [],
}

# The families a cause's wording gives away; a family fits the types listed for it.
FITS = {
    "criminal": {CaseType.CRIMINAL},
    "civil": {CaseType.CIVIL, CaseType.ARBITRATION},
    "administrative": {CaseType.ADMINISTRATIVE},
}
FAMILY_LABELS = {"criminal": _("刑事"), "civil": _("民事"), "administrative": _("行政")}
# Types whose causes are free: advice, due diligence, anything else.
FREE_TYPES = {CaseType.NON_LITIGATION, CaseType.OTHER}


def cause_family(cause):
    """`criminal`, `civil` or `administrative` when the wording of the cause says so, else None."""
    cause = (cause or "").strip()
    if not cause:
        return None
    for family, types in (
        ("administrative", [CaseType.ADMINISTRATIVE]),
        ("criminal", [CaseType.CRIMINAL]),
        ("civil", [CaseType.CIVIL]),
    ):
        if any(cause == known for case_type in types for known in CATALOGUE[case_type]):
            return family
    if cause.endswith("罪"):
        return "criminal"
    if "行政" in cause:
        return "administrative"
    if cause.endswith("纠纷") or cause.endswith("争议"):
        return "civil"
    return None


def cause_mismatch(case_type, cause):
    """The family label of the cause when it does not fit `case_type`, else None."""
    if not case_type or case_type in FREE_TYPES:
        return None
    family = cause_family(cause)
    if family is None or case_type in FITS[family]:
        return None
    return FAMILY_LABELS[family]
