"""The epidemic flag (涉疫, config/routing.yaml `epidemic`): spoken and misheard forms of
the epidemic words raise it; everyday words that sound like a disease and animal health
do not."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router

from hotline.catalog_loader import load_catalog

RULE = load_catalog().epidemic  # the labelling rule in config/bayuquan-catalog.yaml

RAISE = [
    # 防疫 with no animal named is the epidemic's
    "社区防疫人员天天上门登记，问问这是哪个部门要求的",
    # spoken and misheard epidemic words
    "一情期间旅行社把团取消了说好全额退款现在只退一半",  # 一情: 疫情 misheard
    "我被拉到集中格力点已经满十四天了",  # 格力: 隔离 misheard
    "我昨天早上做的和算到现在结果还没出来",  # 和算: 核酸 misheard
    # 封村 said now (the seed corpus labels 封村那阵子…白菜烂地里了, a sealing named as a time,
    # not 涉疫: epidemic_dated.py)
    "芦屯镇封村了我家白菜烂地里了",
    "老人想打加强针，腿脚不方便能上门打吗",
    "药店连花清瘟一盒涨到八十多",
    "我是从外省回来的，到了以后要不要居家",
    "我们全家都阳了，药店退烧药都买不着",
    # the epidemic in written messages
    "疫情防控那段时间，我们单元有人检测结果异常，全楼被要求居家隔离，现在想问隔离证明去哪里开。",
    "我爱人昨晚开始发烧三十九度，抗原自测两道杠，想问发热门诊现在在哪个医院开着？",
    "疫情期间我家养的猪卖不出去，饲料钱都欠着，想问问有没有补贴。",
    "我们单位一名职工核酸检测阳性，单位让所有人居家办公，请问密接需要隔离几天？",
    # written names of the measures
    "上周流调人员给我打电话说我去过的超市有病例，让我去做检测，我想问问现在还用去吗。",
    "我从外地回来，落地检做完了结果一直没出，单位不让上班，特此反映。",
    "防控期间小区不让快递进，我买的药一直放在门口岗亭，想问问能不能送进来。",
    "我们单元被要求居家观察七天，家里老人的降压药吃完了，恳请社区帮忙买药。",
    # spoken disease names, vaccines of people, misheard longer forms
    "我家小子他们班有俩出水都的老师让在家待着",  # 出水都: 出水痘 misheard
    "我妈说要居家格离七天那买菜咋整啊",  # 格离: 隔离 heard as two words
    "那个发热门真晚上开不开啊孩子烧得厉害",  # 门真: 门诊 misheard
    "楼下邻居得了结合病天天在楼道里咳嗽",  # 结合病: 结核病 misheard
    # people's fevers beside an animal: the people are named with the fever
    "村里养猪场的猪死了好几头 喂猪的三个工人也高烧了 场里不让说",
    # a wound's tetanus shot (a person's vaccination)
    "我在工地让铁丝划了个口子 哪个医院能打破伤风针",
    # a class closed for a run of sick children, with disinfection asked for (two weak cues)
    "幼儿园这周好多孩子请假 老师说回家别乱跑 也不消毒 是不是该停课",
    "我闺女想约那个九价的上哪约啊",  # the HPV vaccine of people
    "孩子让狗咬了那个狂犬的针得打几针啊",  # rabies shots after a bite
    "我刚从东南亚回来浑身疼怕是登革热",
    "群里都说咱这有猴痘了真的假的",
    # vaccines of people, routine ones included (the catalogue's 涉疫 rule)
    "宝宝该打百白破了，社区卫生服务中心说要预约，怎么约",
    "孩子那个乙脑疫苗第二针到日子了社区说没有苗了",
    "那个卡介苗我们孩子出生时候没打现在补还来得及不",
    "我想问问那个带状疱疹疫苗多少钱一针医保报不",
    "疫苗接种点排队太长，接种的费用医保能不能报销",  # a vaccination point's queue
    "孩子一岁半了，该打哪个疫苗了，在哪个地方打",
    "我家孩子的预防接种本搬家的时候弄丢了，想问问咋补",
    "被狗咬了，想问问哪个医院能打狂犬疫苗",  # the bitten person's shots
    "想做个艾滋病检测，不想让人知道，有没有匿名的地方",  # testing for a disease of people
    # a person bitten or scratched: the rabies shot is theirs though the animal is named,
    # also when the recogniser writes the shot's sound (狂全, 框犬)
    "我下班路上让楼下那家的狗给咬了一口 那个狂犬疫苗得打几针",
    "我闺女被同学家的猫挠破了手 框犬的针上哪打",
    "小区的流浪狗咬了好几个人了 我儿子也是 打狂全疫苗花了好几百",
    # fuzzy sound-alikes of disease and clinic names (模糊音: n/l, r/l, h/f)
    "我们那个托班好几个娃得了手组口 也不告诉家长",
    "半夜孩子烧得厉害 那个发乐门真晚上开不开",
    "养老院好几个老人上吐下泻 大夫说是罗如病毒",
    "单位让做个合算检测 明天才能上班",  # 核酸检测: the long form by sound
    # the fever clinic named indirectly, hepatitis A, a vaccination record, an outbreak
    "孩子烧到三十九度 发烧门诊晚上几点关门",
    "饭店的厨子得了甲肝 饭店还照常开门",
    "上小学要交接种证 我们家那本找不到了",
    "家长群里说学校出现不明原因肺炎，是真的吗，教育局也不说",
    "孩子该打预防针了，社区医院几点上班",
    # written names of vaccination clinics and notifiable diseases
    "社区卫生服务中心接种门诊的人态度太差，打完针也不让留观",
    "我父亲在村里得了流行性出血热，住院花了两万多，能报销多少",
    "班里出现了细菌性痢疾，学校也不通知家长",
    "村里好几个养羊的人得了布病，卫生院说治不了",
    # fevers in several people with no disease named (聚集性发病)
    "我跟老伴俩都发烧 七十多了 下不了楼 社区大夫能不能上门看看",
    "一个班一半孩子发烧请假了，学校还照常上课，停不停课谁说了算？",
    "医院让孩子跟一帮发烧咳嗽的挤一个候诊区 回来第二天孩子也烧了",
    "单位好几个同事高烧不退 领导还让加班",
    "我们班发烧的越来越多了 学校也不停课",
    # respiratory infections and scabies by name, a person's infection as a verb
    "同病房的小孩查出合胞病毒，医院也没给调病房，我们会不会被传染？",
    "网上说儿童医院好几个孩子白肺，是不是造谣",
    "养老院十几个老人得了疥疮，院里瞒着不报",
    # 抗原 heard as 抗元, glued by the segmenter to the next word (抗元测)
    "我老伴烧到38度多 抗元测了两道杠 社区医生能不能上门",
    # a disease's name the segmenter does not know: split into two one-character words
    # (挪 + 如: 诺如), or glued to the word before it (我甲留: 甲流)
    "孩子得了挪如 在家待了一礼拜",
    "大夫说孩子是挪如 得在家待几天才能上幼儿园",
    "昨天我甲留 烧了一宿 单位还让上班",
    # the fever clinic's own matter: no 那 points from it to another place
    "发热门诊旁边就是儿科候诊区 孩子跟发烧的大人挤在一起 能不能分开",
    # a computer named elsewhere does not silence the epidemic's own words
    "在家隔离的时候电脑坏了 社区能不能帮忙",
    # a person's brucellosis beside a sheep: caught or treated
    "我家老头养了十几年羊 反复发烧 想问哪个医院能治布病",
    # the shots after a bite, 狂犬 unsaid
    "孩子让邻居家狗咬了 得打几针 社区医院能打不",
    # a dog's bite in the north-east's word (掏), the rabies shot by sound (狂劝)
    "我家楼下让狗给掏了一口 那个狂劝疫苗上哪打",
    "下班让邻居家的狗掏伤了 得打几针",
    # tuberculosis by its short name: a school's screening, a rumour of an outbreak
    "学校体检让做结核筛查 在哪做 要钱不",
    "群里说三中结核大爆发了 是真的吗",
    # fevers of a counted group: the people named, or the count alone (六个发烧)
    "车间里五六个工人发烧 厂里也不让请假",
    "宿舍八个人有三个发烧 老板不让出去",
    "三名学生高烧 学校还照常上课",
    "养鸡场两个工人发烧 鸡也死了不少",  # the people named beside the animals
    # the epidemic recalled as a time, with a measure said: the measure's matter
    "疫情那会儿村里设卡 我在卡点值了一个月班 补助到现在没发",
    "疫情那阵子小区封控 燃气卡充不了值",
    # fevers at the same time: a cluster with no count said
    "仓库里的人同时发烧 领导还让照常上班",
    # fevers shared or passed round: the same cluster
    "一家四口一个接一个发烧 社区医院看不了",
    "村里好几家大人孩子一块儿发烧 卫生院能不能来人",
    # vomiting passed round over days, or of ten and more counted: an outbreak
    "孩子班里接二连三有人上吐下泻 学校也不消毒",
    "车间二十多个工人又吐又拉 厂里说是着凉了",
    # notifiable diseases by name: herpangina shortened, chikungunya
    "幼儿园好几个孩子得了咽峡炎 嘴里全是泡",
    "对门从广东回来得了基孔肯雅热 小区积水蚊子多",
    # a diagnosis of the epidemic's own disease; the date with measures said
    "孩子确诊了手足口病 幼儿园让在家待几天",
    "疫情过后小区还让戴口罩扫码报备 这还有必要吗",
    # rashes and red eyes in several children; the certificate to return to class
    "幼儿园好几个孩子身上起疱疹 嘴里也有 园长说是普通的 也不停课",
    "孩子班上闹红眼 学校也不管",
    "幼儿园让孩子回去上学得开那个复课证明 社区医院不给开",
]
DO_NOT_RAISE = [
    # sound-alikes and animal health
    "举报有个洗车店把水表动了手脚，用多少水都不花钱",  # 水都 sounds like 水痘
    "我养的鸡最近死了好多，不知道是不是得了禽流感",  # animal health
    "防疫员给我家羊打完针第二天死了两只",
    "这一情况我们反映过好几次了，楼道灯还是不亮",  # 这一情况 is not 疫情
    "格力空调买了三个月就坏了，售后不给修",  # the brand, not 隔离
    "今天都出太阳了，屋里暖气还是冰凉的",  # 太阳了 is not 阳了
    # another illness named in writing: the cues every illness shares (确诊, 阳性) do not count
    "我在区医院确诊了糖尿病，医生开了胰岛素，药店说医保卡余额不足不能刷，想问问余额在哪查？",
    "我孩子上个月体检查出乙肝表面抗原阳性，学校就让孩子回家不让住校，学校有这个权利吗？",
    "本人上月做胃镜确诊幽门螺杆菌阳性，想问问会不会传染给家里人，吃饭要不要分餐？",
    "我家养的猪这两天有五头发烧不吃食，村里没有兽医，怕是传染病，想请畜牧站来看看。",
    # pets, crops and everyday sound-alikes
    "我家狗该打狂犬疫苗了上哪打啊",  # the dog's vaccine
    "我家猫发烧了一宿咱这有没有宠物医院",
    "今年种的玉米出苗不好补种都晚了",  # 补种 of a crop
    "楼上天天半夜在自己家干活吵得睡不着",  # 家干 sounds like 甲肝
    "暖气不热屋里才十二度孩子都冻感冒了",
    "今年核桃收购价多少啊村里有人收不",
    "我去那个二甲医院看病大夫态度太差了",  # 二甲 sounds like 二价 (the HPV vaccine)
    "我家猫抓了沙发房东让我赔钱",
    # an animal's vaccine, a crop's 接种
    "我家狗该打疫苗了就是那个狗的狂犬疫苗上哪打",
    "我想问一下那个鸽子打的疫苗上哪买",
    "我家羊都打过疫苗了，防疫员硬要每只再收五块钱打耳标",
    "建议防疫员上门打疫苗提前通知一声，人家去了我们下地了",
    "养的三十多头猪好几头发烧，怕传染给全村的猪，请农业农村局派防疫人员来看看",
    "小麦拌种接种了根瘤菌剂出苗还是不齐",
    # a disease's sound in everyday words: a noun glued to a particle, a place, a verb
    "河边发大水了 水都漫到院子里了 快来人",  # 水都 is 水 + 都, not 水痘
    "分村的时候我家的地被划到别的组了",  # 分村 is not 封村 (a final blurred, not an initial)
    "他甲留在单位加班 家里孩子没人管",  # 甲 + 留在: the sound crosses a known word
    "我拿如意卡去充值 说是挪 如果不行就换张卡",  # 挪 + 如果, not 诺如
    "楼上那家人在自己家干啥都大半夜的",  # 家干 is not 甲肝
    # the words' other senses: home care of the elderly, a cold radiator, accounting
    "暖气片一点都不发热，家里老人冻得够呛，居家养老服务也没人来",
    "请帮我重新核算一下养老金，感觉少算了两年工龄",  # 核算 is accounting, not 核酸
    # a pet's rabies shot tells no bite; a dog biting is the dog's matter without a shot
    "给我家猫打狂犬疫苗 宠物医院收三百 太贵了",
    "小区里的流浪狗老咬人 物业也不管",
    "给狗打预防针宠物医院要多少钱",
    # the measures' words in traffic, cosmetics and drug tests
    "我想办个货车通行证，去哪个部门办",
    "路口那个卡口抓拍乱拍，我没闯红灯也给罚了",
    "网上买的隔离霜是假货，商家不给退",
    "他尿检阳性还天天开车，我要举报",
    "手机中了病毒，老是弹窗，扣了我好多话费",  # a device's virus
    "孩子上网课用的平板中病毒了，学校让自己修",
    "孩子在学校让同学打了，鼻子都出血了，老师也不管",  # 出血了 sounds like 出血热
    "我们小区分了一期二期，二期的物业费贵一块钱",  # 小区分了 ~ 小区封了, everyday words
    "老胡被回来的车撞了，司机跑了",  # 胡被回来 ~ 湖北回来
    # an animal's disease though a person's disease is named (猪流感, 羊的布病)
    "家里养的猪好几头发烧不吃食 是不是猪流感 能派个兽医来看看不",
    "羊贩子说收羊要看布病检测单。请问羊的布病检测在哪儿做？",
    # fevers of one person, of a child chilled by a cold radiator, or of a burnt television
    "暖气不热 全家都冻得发烧了 热力公司也不来",
    "孩子们都发烧了 暖气不热 屋里才十度",  # fevers beside a cold home
    "工地上好几个工人中暑发烧了 老板还不让歇",  # the heat's
    "他那个打呼噜的毛病会传染 我们宿舍都睡不着",  # 传染 alone in another sense
    "我上班的时候发烧了 单位不给请假",
    "电压不稳 家里电视也烧了 冰箱都烧了",
    # a sealed account or card, a mask rule alone (hygiene), a wound stitched
    "我的微信账号被封了 找谁",
    "银行说我的卡被封了 让我去柜台",
    "饭店后厨的厨师都不戴口罩，也不戴帽子",
    "孩子让邻居家狗咬了 缝了几针 狗主人一分钱不给",
    # the animals' fevers though people are named before them
    "养殖场的工人说鸡都发烧了 兽医站也不来人",
    # the epidemic as a year or a landmark, not the matter asked about
    "疫情那年买的车位到现在还没办下产权证",
    "防疫站旁边那家饭店的油烟天天往我家窗户里灌",
    "以前做核酸的那个棚子一直没拆 挡着消防通道",
    # the epidemic recalled as a time alone: it dates another matter (wages, a gate)
    "疫情那阵儿厂里欠的工资 现在厂子正常干了还不给",
    "疫情那时候物业把小区后门焊死了 现在还不开",
    # the same with the disease's name for the epidemic (新冠那年, 新冠那阵)
    "新冠那年让公司辞退的 说好的补偿到现在没给",
    "新冠那阵儿欠的工钱 老板一直拖着不给",
    # an epidemic place as a landmark: a locative and 那 point at another place
    "人民医院发热门诊对面那家饭店把桌子摆到马路上了",
    # 隔离 before a barrier: a road's or a park's fence
    "公园湖边的隔离护栏倒了一大片 孩子在那玩太危险",
    "马路中间的隔离桩让车撞歪了好几个没人修",
    # a computer named: the pop-ups and the virus are the device's
    "单位电脑一开机就弹窗 杀毒也杀不干净 说是有病毒",
    "网吧的机子老弹窗 还有病毒 把我游戏号盗了",
    # a school closed for snow: 停课 alone is one weak cue
    "下大雪学校停课了 校车的钱退不退",
    # the cattle's tuberculosis; 结合 (combine) sounds like 结核
    "奶牛场说要给牛检结核 一头收八十 这是谁定的",
    "村里说要把两个村结合一下 地怎么分",
    # counts that are not of people with fevers: time, hospitals, a herd
    "这两个月反复发烧 查不出啥毛病",
    "跑了三个医院 孩子还是高烧",
    "养猪场五头猪发烧 兽医也不来",
    # 掏 as paying, beside a dog's vaccine: no bite told
    "狗打疫苗还让我掏钱 宠物医院太黑了",
    # a family's upset after one meal, a herd counted: no outbreak of people
    "一家三口在饭店吃完都拉肚子 饭店不认账",
    # food poisoning said: the counted vomiting is the meal's, whatever the count
    "旅游团一车二十多个人吃完团餐上吐下泻 医生说是食物中毒 要求旅行社赔",
    "十几只羊拉稀 兽医站不来人",
    "我们二十多个业主都吐槽物业 物业费还涨",  # 吐槽 (complain) is no vomiting
    # a diagnosis or a test naming another illness: the shared cues do not count
    "孩子确诊了白血病 大病医保能报多少",
    "我妈确诊了帕金森 申请护理补贴",
    "孩子过敏原检测阳性 幼儿园不给换饭",
    "孩子发烧好几天 医院也没查出啥病 老师还让上体育课",
    # the epidemic's places of the past
    "原来核酸检测点那个亭子一直在路边占道",
    "以前发热门诊那个楼旁边的停车场乱收费",
    # the epidemic as a date
    "疫情的时候办的健身卡 现在说过期了不给延期",
    "疫情那两年公司欠的工资到现在也没给",
    "三年疫情欠下的房租 房东现在要一次交齐",
    "疫情过后公司也没给我们补发工资",
    # a disease of animals only names the animal (牛 alone may be a misheard 流)
    "家里的牛口蹄疫疫苗 村里没给打",
    # 都 as "already", said of one child
    "孩子在学校发烧了 我去接的时候都烧到三十九度了",
]


def test_the_catalogue_states_the_rule_with_examples_both_ways() -> None:
    assert "疫苗" in RULE.description and "宠物" in RULE.description
    assert len(RULE.examples) >= 3 and len(RULE.not_examples) >= 3


@pytest.mark.parametrize("text", RAISE + list(RULE.examples))
def test_epidemic_words_raise_the_flag(router: Router, text: str) -> None:
    assert router.suggest(text).epidemic


@pytest.mark.parametrize("text", DO_NOT_RAISE + list(RULE.not_examples))
def test_look_alikes_do_not_raise_the_flag(router: Router, text: str) -> None:
    assert not router.suggest(text).epidemic


def test_a_pop_up_advert_alone_does_not_raise_the_flag(router: Router) -> None:
    assert not router.suggest(
        "手机上总有弹窗广告，点进去就扣了我二十块钱话费，想问问找谁。"
    ).epidemic
