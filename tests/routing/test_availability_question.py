"""Whether a service or a thing is there or still in time, asked, is a consult
(availability_question.py), over the shut door or the excuse told before it; whether someone
will act, whether a wrong holds a licence, a doubt told, a demand or a call for help are not
read."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.availability_question import availability_question

from tests.fixtures.routing import rule_category

# A classifier that reads the shut door told as a grievance.
READS_A_GRIEVANCE = {"complaint": 0.9, "report": 0.05, "consult": 0.05}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("村卫生室晚上锁门了 老爷子烧得直说胡话 镇卫生院夜里有发热门诊没有", "有发热门诊没有"),
        ("低保户 取暖费 有补贴没 热力公司 说 不归他们管", "有补贴没"),
        ("卫生院晚上有没有大夫值班？孩子半夜发烧去了一回，门都没叫开", "有没有"),
        ("让狗给咬了 社区医院说八点才开门 过了这一宿再打针还来得及不", "来得及不"),
        ("被猫挠了一道，出血了，晚上哪个医院能打，急诊能打吗", "能打吗"),
        ("狂犬疫苗 上哪儿打 得打几针", "打几针"),
    ],
)
def test_whether_it_is_there_or_in_time_is_read(text: str, words: str) -> None:
    assert availability_question(text, text.replace(" ", "")) == words


@pytest.mark.parametrize(
    "text",
    [
        "楼下那家烧烤天天烟往屋里灌 到底有没有人管",  # whether someone will act
        "大棚里的西红柿叶子长白毛 农业上有没有技术员能来看看",  # someone asked to come
        "浴场有人开摩托艇拉客，这样有没有许可？",  # a licence asked of a wrong
        "燃气表不显示了 按哪都不亮 也不知道还有没有气",  # a doubt told of a fault
        "停了四次水，损失谁来承担？供水公司到底有没有计划？",  # a charge
        "家里困难 有没有啥救助 能帮帮我们不",  # a call for help
        "卫生院晚上锁门了，孩子发烧叫不开门，要求给个说法",  # a demand, no question
    ],
)
def test_an_ask_to_act_a_licence_a_doubt_or_a_demand_is_not_read(text: str) -> None:
    assert availability_question(text, text.replace(" ", "")) == ""


def test_the_rules_type_the_question_consult_over_a_shut_door_read_as_a_grievance(
    router: Router,
) -> None:
    text = "村卫生室晚上锁门了 老爷子烧得直说胡话 镇卫生院夜里有发热门诊没有"
    assert rule_category(router, text, READS_A_GRIEVANCE, text) == "consult"


def test_without_the_question_the_shut_door_stays_a_grievance(router: Router) -> None:
    text = "村卫生室晚上锁门了 老爷子烧得直说胡话 叫了半天门也没人开"
    assert rule_category(router, text, READS_A_GRIEVANCE, text) != "consult"


def test_the_router_types_a_question_after_a_shut_door_consult(router: Router) -> None:
    text = "我下夜班让野狗给咬了 腿上俩牙印 社区医院说八点才开门 过了这一宿再打针还来得及不"
    assert router.suggest(text).category == "consult"
