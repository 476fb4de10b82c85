"""A fraudster posing as a unit to get money moved is the police's matter: the unit posed
as is the disguise, its duty words the pretext. A pretender asking no money is the named
unit's own matter."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.impostor import POLICE_UNIT, impostor, without_pretext


@pytest.mark.parametrize(
    ("text", "posing", "unit"),
    [
        ("我妈接个电话说是医保局的说医保卡冻结了让她转钱", "说是医保局", "medical_insurance"),
        ("有人冒充疾控的打电话说我们是密接我妈差点就转了", "冒充疾控", None),
        ("接到个电话说是公安局的让我转到安全账户", "说是公安局", POLICE_UNIT),
    ],
)
def test_posing_as_a_unit_to_get_money_is_read(text: str, posing: str, unit: str | None) -> None:
    assert impostor(text) == (posing, unit)


@pytest.mark.parametrize(
    "text",
    [
        "有人冒充燃气公司上门推销报警器",  # no money moved: the gas company's matter
        "开发商说是热力公司不给接到现在没暖气",  # 说是 telling who is at fault
        "我转了八千块钱给物业他说是供水公司让收的",  # the money before the posing
    ],
)
def test_no_fraud_is_read_without_posing_then_money(text: str) -> None:
    assert impostor(text) == ("", None)


def test_the_classifier_reads_the_request_without_the_pretext() -> None:
    text = "我妈接个电话 说是医保局的 说医保卡冻结了 让她转钱 转了八千"
    assert without_pretext(text) == "我妈接个电话  转钱 转了八千"
    assert without_pretext("医保卡冻结了刷不了") == "医保卡冻结了刷不了"


def test_a_fraud_posing_as_the_medical_insurance_bureau_goes_to_the_police(
    router: Router,
) -> None:
    text = "我妈接个电话 说是医保局的 说医保卡冻结了 让她转钱 转了八千 这咋整啊"
    assert router.suggest(text).department == POLICE_UNIT
    # the same card frozen without a fraudster is the bureau's own matter
    assert router.suggest("去药店拿药说我的医保卡被冻结了刷不了").department == (
        "medical_insurance"
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a message read aloud: the lure of a claim, then add the "customer service"
        (
            "短信是这么写的您的快递已丢失客服将为您办理三倍理赔请添加客服qq这个是真的假的",
            "三倍理赔请添加客服qq",
        ),
        ("说我的账户被冻结了要解冻得下载个app", "冻结了要解冻得下载个app"),
    ],
)
def test_the_fraud_script_without_a_disguise_is_the_polices(text: str, words: str) -> None:
    assert impostor(text) == (words, None)


@pytest.mark.parametrize(
    "text",
    [
        "养老金资格认证在app上认证要下载哪个软件",  # a download without a lure
        "村干部老在群里发投票链接让大家投票",  # a link without a lure
        "网店说给我退款三天了还没到账",  # a refund without a handover
    ],
)
def test_no_fraud_script_is_read_from_one_half(text: str) -> None:
    assert impostor(text) == ("", None)


def test_a_fraud_message_read_aloud_goes_to_the_police(rules_only_router: Router) -> None:
    text = (
        "我念一下啊 短信是这么写的 您的快递已丢失 客服将为您办理三倍理赔 请添加客服QQ "
        "这个是真的假的 我没敢加"
    )
    assert rules_only_router.suggest(text).department == POLICE_UNIT


def test_a_fake_at_the_door_the_unit_denies_sending_is_the_polices(
    rules_only_router: Router,
) -> None:
    text = (
        "今天有两个穿工装的男的说是燃气公司的来安检，非让买他们的报警器380一个，"
        "后来打燃气公司电话说根本没派人。举报这俩骗子"
    )
    assert impostor(text.replace("，", "").replace("。", ""))[1] == "gas"
    assert rules_only_router.suggest(text).department == POLICE_UNIT


@pytest.mark.parametrize(
    "text",
    [
        "说是燃气公司入户安检的进门就让换报警器三百八这是你们公司的人吗",  # asks the company
        "说是燃气公司的来卖报警器别是骗子吧",  # a doubt, not a denial
        "怎么确认他们是不是燃气公司的人",  # a question
    ],
)
def test_a_caller_asking_whether_he_is_the_units_man_is_not_denied(text: str) -> None:
    assert impostor(text) == ("", None)


@pytest.mark.parametrize(
    ("text", "posing", "unit"),
    [
        # the unit, asked afterwards, says it never happened: a fee at the door under its name
        (
            "有人冒充燃气公司挨家敲门说要收安检费五十好几家都交了后来问燃气公司根本没这事",
            "冒充燃气公司",
            "gas",
        ),
        (
            "有几个人自称海星街道社区的志愿者挨家收捐款社区说没有这回事",
            "自称海星街道社区",
            None,
        ),
        # the money asked to be moved over (转过去), nothing sent yet
        (
            "有人打电话说他是医保局的说我卡冻结了让我把钱转过去解冻我没转",
            "说他是医保局",
            "medical_insurance",
        ),
    ],
)
def test_a_posing_denied_or_asking_money_over_is_read(
    text: str, posing: str, unit: str | None
) -> None:
    assert impostor(text) == (posing, unit)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # no body named: a stranger's call, a service's pretext, money moved
        (
            "有人挨家打电话说养老金要认证认证要交一百二的服务费好几个退休的都转了钱",
            "有人挨家打电话",
        ),
        ("接到电话说我社保卡要年审得交手续费我转了两千才反应过来", "接到电话"),
        ("群里有人发通知说高龄补贴要重新登记让大家转账交工本费", "有人发"),
    ],
)
def test_a_strangers_call_then_money_moved_is_read(text: str, words: str) -> None:
    assert impostor(text) == (words, None)


@pytest.mark.parametrize(
    "text",
    [
        "海星早市上有人挨个收摊位费说是城管让收的一问城管根本没这事",  # a say-so, not who he is
        "物业说是供水公司的事让我们等着供水公司说根本没这回事",  # whose fault, not who he is
        "班主任在群里让交班费还得把转账截图发群里",  # a named sender, not a stranger
        "家长群里有人转了一张通知说明天停课",  # a message forwarded, no money
        "有人敲门说是热力公司的收明年的采暖费交现金打八折热力公司有这事吗",  # asks the company
        "燃气公司的人上门安检说软管不合格收了一百八入户安检不是免费的吗",  # the company's own
    ],
)
def test_no_fraud_is_read_from_a_say_so_a_named_sender_or_the_units_own_charge(
    text: str,
) -> None:
    assert impostor(text) == ("", None)


def test_a_strangers_call_without_the_pretext_is_what_the_classifier_reads() -> None:
    text = "有人挨家打电话 说养老金要认证 要交一百二的服务费 好几个退休的都转了钱"
    assert without_pretext(text) == " 转了钱"


@pytest.mark.parametrize(
    "text",
    [
        "有人挨家打电话 说养老金要认证 认证要交一百二的服务费 我们小区好几个退休的都转了钱",
        "我妈接了个电话 说是社保局的 说她养老金账户有问题 让她转钱 转了两万",
        "有人冒充热力公司挨家收采暖费押金 好几家都交了 后来问热力公司根本没这回事",
    ],
)
def test_a_fraud_goes_to_the_police_as_a_report(router: Router, text: str) -> None:
    suggestion = router.suggest(text)
    assert (suggestion.department, suggestion.category) == (POLICE_UNIT, "report")


def test_the_units_own_charge_stays_with_the_unit(router: Router) -> None:
    text = "燃气公司的人上门安检 说软管不合格 当场换了一根收了一百八 安检不是免费的吗 要求退钱"
    assert router.suggest(text).department == "gas"
