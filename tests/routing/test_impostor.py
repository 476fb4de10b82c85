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


@pytest.mark.parametrize(
    ("text", "posing", "unit"),
    [
        # a pretender at the door asking a deposit or a fee: no transfer, no denial
        (
            "前两天有人上门说是民政局的要给老人装呼叫器说得先交一千五押金我妈给了要是假的抓住他",
            "说是民政局",
            "civil_affairs",
        ),
        ("有人挨家敲门说是燃气公司的给老人换软管一根三百", "说是燃气公司", "gas"),
        ("有人冒充社区的挨家收流动人口登记费", "冒充社区", None),
    ],
)
def test_a_pretender_at_the_door_asking_a_fee_is_read(
    text: str, posing: str, unit: str | None
) -> None:
    assert impostor(text) == (posing, unit)


@pytest.mark.parametrize(
    "text",
    [
        "有人敲门说是燃气公司的入户安检想问一下入户安检收费吗怎么辨别真假",  # asks whether real
        "有人敲门说是燃气公司的要进屋检查管道这是真的假的",  # no fee asked
        "说是燃气公司的打电话说下周安检让交五十",  # no door: not this reading
        "给老人免费上门理发说是社区的安排",  # 说是 a say-so, 免费 no fee
    ],
)
def test_no_door_fee_is_read_from_a_question_a_visit_or_a_call(text: str) -> None:
    assert impostor(text) == ("", None)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "公园里有个男的找老人搭话说能帮着把低保办下来一人收一千手续费好几个人给了我看就是骗钱",
            "有个男的找老人搭话说能",
        ),
        ("群里有个人说能介绍去日本打工一个人收两万办签证交了钱人联系不上了", "群里有个人说能"),
    ],
)
def test_a_strangers_paid_promise_told_as_a_con_is_read(text: str, words: str) -> None:
    assert impostor(text) == (words, None)


@pytest.mark.parametrize(
    "text",
    [
        "小区里有个人说能帮着通下水道收了三百通得挺好",  # a paid service, no con told
        "有个中介说能介绍进厂先收五百押金现在人找不着了",  # a named intermediary
        "有人说能帮着办低保",  # no fee
    ],
)
def test_no_promise_is_read_from_a_service_an_intermediary_or_no_fee(text: str) -> None:
    assert impostor(text) == ("", None)


@pytest.mark.parametrize(
    "text",
    [
        "前几天有人上门 说是民政局的 给老人免费装那个呼叫器 说要先交一千五押金 我妈给了 "
        "这到底是不是民政局的人 要是假的 你们给查查抓住他",
        "公园里有个男的专门找老头老太太搭话 说能帮着把养老金往上调 一人收一千五手续费 "
        "好几个人都给了 我看就是骗钱的",
        "群里有个人说能介绍去日本打工 一个人收两万包办签证 我们村好几个交了钱 人现在联系不上了",
    ],
)
def test_a_door_fee_or_a_paid_promise_goes_to_the_police(router: Router, text: str) -> None:
    assert router.suggest(text).department == POLICE_UNIT
