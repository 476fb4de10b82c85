"""A pet business's dealings with its customer: the market regulator's, not the animal's
unit nor the hospital's. No I/O.

A pet shop, an animal clinic, a cattery or a boarding shop is told with an animal's words
(狗, 猫, 疫苗, 细小) that the classifier learnt as agriculture's and a clinic's words (医院,
手术, 打针) it learnt as health's. Where the caller's matter is the business's dealing with
them as a customer — its price or bill (一针三百 合不合理, 术前说六百 结账两千三, 单子也不给看),
a pet sold to them that fell ill or died (领回来第三天就拉血 店里不给退), a pet lost in its
care (寄养 … 猫跑丢了), a prepaid card (会员卡 … 关门了), or the licence to open or run one (开个
宠物寄养店 需要办哪些证照, 无照经营) — the catalogue gives it to the market regulator
(消费者权益保护, 价格监督, 市场主体登记).

Counted on the retired labels of rounds 2–30 (bench/RESULTS.md, canteen30): a pet business
named with one of those dealings, 22 of 22 market supervision (a price or bill 8, a pet sold
sick or dead 6, a pet lost 3, a card 1, a licence 4; rounds 8–12 5 of 5, round 30 17 of 17).

Not read, where the retired labels give another unit: where an animal's shot can be had
cheaper or from the village's animal-epidemic worker (宠物医院太贵了 上哪打, 畜牧站便宜, 防疫员,
agriculture 4 of 4); a clinic's treatment gone wrong or its diagnostic licence (误诊, 鉴定,
动物诊疗许可证: agriculture 1, environment 1); its waste (针头, 纱布, 垃圾: environment 2), its
water or its cages on the pavement (雨水井, 人行道: urban management 2), its workers' wages
(human resources 1); the dog's own licence (狗证, 免疫证明: the police's 1).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.found_words import both_words
from hotline.ticketing.routing.reading import Reading

MARKET_UNIT = "market_supervision"
FARM_UNIT = "agriculture"
HEALTH_UNIT = "health"

_PET_BUSINESS = re.compile(
    r"宠物店|宠物医院|动物医院|宠物诊所|动物诊所|猫舍|犬舍|寄养店|宠物寄养|寄养在|宠物美容"
    r"|爬宠店|水族店|花鸟鱼"
)
# The dealing with the customer: a price or bill, a pet sold, a pet lost, a card, a licence.
_CHARGE = (
    r"收费|收我|收了|多收|结账|一针|价|标准|合不合理|合理吗|花了|还欠|单子|明细|会员卡|办卡"
    r"|[一二两三四五六七八九十百千万\d]+块|[\d]+元"
)
_SOLD = r"买的|买了|卖给我|卖的|不给退|不退|概不负责|不认账"
_LOST = r"丢了|跑丢|跑了|少了一只|整丢"
_LICENCE = r"办[啥哪什么些]*(?:证|照)|营业执照|无照|证照"
_DEALING = re.compile(rf"{_CHARGE}|{_SOLD}|{_LOST}|{_LICENCE}")
# Another unit's matter told with the business: an animal's shot to be had elsewhere, a
# clinic's treatment or its diagnostic licence, its waste, water or pitch, its wages, the
# dog's own licence.
_NOT_A_CUSTOMERS = re.compile(
    r"上哪打|哪里能打|哪能打|防疫员|畜牧站|误诊|鉴定|诊疗许可|针头|针管|纱布|垃圾"
    r"|雨水井|下水|人行道|占道|沟里|工资|打工|狗证|犬证|养犬|免疫证"
)


def pet_business_readings(text: str) -> list[Reading]:
    """The market regulator over the animal's and the clinic's units where a pet business
    deals with its customer; the reading's words and the units whose words set the scene."""
    words = "" if _NOT_A_CUSTOMERS.search(text) else both_words(_PET_BUSINESS, _DEALING, text)
    return [(MARKET_UNIT, words, (FARM_UNIT, HEALTH_UNIT))] if words else []
