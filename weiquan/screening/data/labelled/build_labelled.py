"""Build the labelled evaluation set: dev.jsonl and heldout.jsonl.

    .venv/bin/python weiquan/screening/data/labelled/build_labelled.py

Written for this project from hand-made templates, slot fillers and hard negatives, with a
fixed seed, so the files are reproducible. The two parts share NO template, core phrase,
frame, filler or hard negative: the held-out figures measure phrasing the lexicon was not
tuned on. Each held-out part is measured once, its figures recorded in
docs/bench/screener-heldout-history.md, and only then read and folded into dev (v1 to v8
were; v9 is the held-out part now). The disguises (pinyin, homophones, splitting...) are applied by this script with
its own homophone list, which is not the screener's homophones.tsv.

Each line: {"id", "text", "labels", "form", "kind", "undisguised", "source"} where kind is harmful |
review | ordinary | hard_negative, form is the evasion applied (plain when none), and
undisguised is the same message without its disguise (harmful and review lines; else null),
so the benchmark can tell a disguise that was seen through from a phrase never known.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import opencc
from pypinyin import lazy_pinyin

HERE = Path(__file__).resolve().parent
SEED = 20261125
# Hand-written data: one line per idea reads better than one item per line.
# fmt: off
FORMS = [
    "plain", "traditional", "mixed", "pinyin", "initials", "homophone",
    "split_space", "split_dot", "zero_width", "fullwidth", "emoji",
]
S2T = opencc.OpenCC("s2t")

# The generator's own idea of what evaders type, one list per part so the held-out part is
# disguised with stand-ins the development part never showed. Not the screener's table.
DEV_HOMOPHONES = {
    "死": "4四司斯", "你": "尼泥倪", "砍": "坎看", "杀": "沙莎", "傻": "沙煞啥", "逼": "比哔笔币",
    "妈": "马玛", "操": "草艹", "曝": "爆暴", "棺": "管关", "寿": "受", "贱": "剑溅", "脑": "恼",
    "残": "惨", "智": "制", "障": "帐", "弄": "农脓", "打": "大", "肉": "柔", "约": "悦", "炮": "泡",
    "睡": "水", "骚": "搔", "狗": "苟", "猪": "朱", "蠢": "春", "渣": "扎", "人": "仁", "婊": "表",
    "杂": "砸", "畜": "出", "捅": "桶", "宰": "崽", "剁": "躲", "等": "灯", "滚": "棍", "门": "们",
    "家": "加", "删": "山", "评": "平", "光": "广", "信": "新", "衣": "医", "材": "才", "腿": "退",
}
FIRST_HELDOUT_HOMOPHONES = {
    "死": "思嘶似", "你": "腻妮逆", "砍": "刊堪", "杀": "鲨刹", "傻": "莎纱", "逼": "毕碧闭",
    "妈": "麻嘛", "操": "曹糙", "曝": "豹抱", "棺": "观官", "寿": "授售", "贱": "践箭", "脑": "瑙",
    "残": "灿蚕", "智": "质至", "障": "丈账", "弄": "浓侬", "打": "搭", "肉": "揉", "约": "越月",
    "炮": "跑抛", "睡": "税", "骚": "嫂臊", "狗": "购构", "猪": "珠株", "蠢": "纯唇", "渣": "喳",
    "人": "忍任", "婊": "标彪", "杂": "咋", "畜": "处初", "捅": "筒痛", "宰": "再仔", "剁": "朵舵",
    "等": "瞪", "滚": "衮", "门": "闷", "家": "嘉夹", "删": "珊善", "评": "瓶屏", "光": "逛",
    "信": "欣芯", "衣": "伊依", "材": "彩采", "腿": "推颓", "烧": "哨", "挂": "褂刮", "尸": "狮施",
    "收": "首守", "全": "拳诠", "胸": "雄", "舔": "填田", "摸": "莫摩", "废": "沸菲", "断": "端缎",
    "鬼": "龟跪", "穷": "穹", "种": "钟", "找": "召", "定": "钉", "电": "殿甸", "话": "划滑",
    "爆": "宝保", "骂": "马", "爹": "跌", "整": "正", "砸": "杂",
}
INITIALISMS = {"傻逼": "sb", "操你妈": "cnm", "你妈死了": "nmsl", "他妈的": "tmd"}
EMOJI = ["😡", "🔪", "💀", "😊", "👍", "🙂", "🤬", "⚰️", "🌚", "❤️", "🐶", "👉"]
DOTS = [".", "·", "•", "-", "*", "_"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff"]

# ---------------------------------------------------------------------------------------
# Harmful cores: (phrase, labels). The core is the part a disguise is applied to.
DEV_CORES = [
    ("上门砍死你", ["threat"]), ("我弄死你", ["threat"]), ("信不信我[弄死你全家]", ["threat"]),
    ("你死定了", ["threat"]), ("等着收棺材吧", ["threat"]), ("我[知道你家住哪]", ["threat"]),
    ("我[找人收拾你]", ["threat"]), ("打断你的腿", ["threat"]), ("给你寄个花圈", ["threat"]),
    ("出门被车撞死", ["threat"]), ("我[让你活不下去]", ["threat"]), ("晚上走路小心点", ["threat"]),
    ("你给我等着", ["threat"]), ("我[天天打电话骚扰你]", ["threat"]), ("让你不得安宁", ["threat"]),
    ("去死吧你", ["threat"]), ("宰了你", ["threat"]), ("我[去你家找你]", ["threat"]),
    ("有你好看的", ["threat"]), ("杀你全家", ["threat"]),
    ("曝光你信息", ["doxxing"]), ("把你的电话地址[发到网上]", ["doxxing"]), ("人肉你", ["doxxing"]),
    ("把你的照片挂到网上", ["doxxing"]), ("公开你的身份证", ["doxxing"]),
    ("把[你的住址发朋友圈]", ["doxxing"]), ("让你社死", ["doxxing"]), ("把你挂网上", ["doxxing"]),
    ("发到你单位去", ["doxxing"]), ("曝光你的个人信息", ["doxxing"]),
    ("傻逼", ["abuse"]), ("你个傻逼", ["abuse"]), ("脑残", ["abuse"]), ("你个智障", ["abuse"]),
    ("贱人", ["abuse"]), ("你这个垃圾", ["abuse"]), ("狗东西", ["abuse"]), ("去你妈的", ["abuse"]),
    ("操你妈", ["abuse"]), ("你妈死了", ["abuse"]), ("臭不要脸", ["abuse"]),
    ("你[脑子有病]吧", ["abuse"]), ("王八蛋", ["abuse"]), ("滚犊子", ["abuse"]), ("穷鬼", ["abuse"]),
    ("你算什么东西", ["abuse"]), ("白痴", ["abuse"]),
    ("约炮吗", ["sexual"]), ("陪我睡一晚", ["sexual"]), ("多少钱一晚", ["sexual"]),
    ("发张[裸照]给我", ["sexual"]), ("你的胸真大", ["sexual"]), ("一起去开房", ["sexual"]),
    ("想[摸摸你]", ["sexual"]), ("我[包养你]", ["sexual"]), ("给你寄[情趣用品]", ["sexual"]),
    ("小骚货", ["sexual"]),
    ("敢给差评试试", ["review_pressure"]), ("你给差评试试", ["review_pressure"]),
]
FIRST_HELDOUT_CORES = [
    ("明天就[上门砍你]", ["threat"]), ("老子[捅死你]", ["threat"]), ("信不信我[剁了你]", ["threat"]),
    ("你全家死光", ["threat"]), ("准备好[给你收尸]", ["threat"]), ("我[找人打你]", ["threat"]),
    ("给你家寄一箱[冥币]", ["threat"]), ("送你一套[寿衣]", ["threat"]),
    ("我已经[知道你家地址]了", ["threat"]), ("小心你的孩子", ["threat"]), ("我[打爆你电话]", ["threat"]),
    ("我每天半夜[给你打电话]", ["threat"]), ("你不得好死", ["threat"]), ("我要[烧了你家]", ["threat"]),
    ("废了你", ["threat"]), ("堵你家门口", ["threat"]), ("你等着瞧", ["threat"]),
    ("我[去你单位找你]", ["threat"]), ("让你吃不了兜着走", ["threat"]), ("我[叫人打你]", ["threat"]),
    ("你小心点，我认识[道上的人]", ["threat"]), ("我让你家里人天天[不得安生]", ["threat"]),
    ("我要把[你的手机号卖给]催收", ["doxxing"]), ("把[你家地址贴出来]", ["doxxing"]),
    ("人肉搜索你", ["doxxing"]), ("你的名字和电话我都[发到群里]了", ["doxxing"]),
    ("贴满你小区", ["doxxing"]), ("把[你的隐私传到网上]", ["doxxing"]), ("告诉你单位领导", ["doxxing"]),
    ("开你的盒", ["doxxing"]), ("我已经把[你的资料散布]出去了", ["doxxing"]),
    ("让全网都[知道你是谁]", ["doxxing"]),
    ("你这个贱货", ["abuse"]), ("蠢猪", ["abuse"]), ("你就是个废物", ["abuse"]),
    ("狗娘养的", ["abuse"]), ("你妈逼", ["abuse"]), ("日你妈", ["abuse"]), ("人渣", ["abuse"]),
    ("死三八", ["abuse"]), ("你个穷逼", ["abuse"]), ("[神经病]啊你", ["abuse"]), ("杂种", ["abuse"]),
    ("畜生", ["abuse"]), ("你是猪吗", ["abuse"]), ("婊子", ["abuse"]), ("老不死的", ["abuse"]),
    ("你他妈的", ["abuse"]), ("[脑子进水]了吧", ["abuse"]), ("泼妇", ["abuse"]),
    ("[陪我睡]就给你退款", ["sexual"]), ("胸挺大的嘛", ["sexual"]), ("穿丝袜给我看", ["sexual"]),
    ("给我看看你的身材", ["sexual"]), ("来开个房", ["sexual"]), ("舔你", ["sexual"]),
    ("给你寄了个[跳蛋]", ["sexual"]), ("你的腿真白", ["sexual"]), ("跟我睡一觉", ["sexual"]),
    ("发张私密照", ["sexual"]),
    ("敢给我中评？", ["review_pressure"]), ("[不改差评就]别想好过", ["review_pressure"]),
]
# Neutral text around a core.
DEV_PREFIXES = ["", "", "你给我听着，", "看到你的差评了，", "就为了十块钱？", "喂，", "我告诉你，",
                "你是不是找事？", "别以为我不知道你是谁，"]
DEV_SUFFIXES = ["", "", "！", "。", "，听见没有", "，记住了", "!!!", "，说到做到"]
FIRST_HELDOUT_PREFIXES = ["", "", "差评是吧？", "你行啊，", "我跟你讲，", "最后说一次，", "老子忍你很久了，",
                    "你这种买家，", "呵呵，"]
FIRST_HELDOUT_SUFFIXES = ["", "", "。", "，等着吧", "！！", "，不信试试", "，说话算话"]

# Review pressure: a demand, then a condition (its own labels added to review_pressure).
# An unnamed consequence (后果自负, 别怪我不客气, 看着办, 别逼我, 你试试) or harassment promised
# until the review goes (一直发消息) is also a threat, as the labelling guideline says
# (raw/README.md); these templates said review_pressure alone until session 3.
DEV_DEMANDS = ["把差评删了", "赶紧删差评", "差评给我改了", "改成好评", "删掉评价"]
DEV_CONDITIONS = [
    ("，否则后果自负", ["threat"]), ("，不然有你好看的", ["threat"]), ("，不删就[上门砍死你]", ["threat"]),
    ("，不然[曝光你的信息]", ["doxxing"]), ("，你个[傻逼]", ["abuse"]), ("，不删试试", ["threat"]),
    ("，限你今天之内", []), ("，别逼我", ["threat"]),
]
FIRST_HELDOUT_DEMANDS = ["把中评撤了", "评价改一下", "追评好评", "删除差评", "给我改好评"]
FIRST_HELDOUT_CONDITIONS = [
    ("，要不然[你等着瞧]", ["threat"]), ("，再不改我就[人肉你]", ["doxxing"]), ("，听到没有，[蠢货]", ["abuse"]),
    ("，否则我[找人收拾你]", ["threat"]), ("，不然我[让你社死]", ["doxxing"]), ("，看着办吧", ["threat"]),
    ("，你敢不删？", []), ("，不然你[走着瞧]", ["threat"]),
]

# ---------------------------------------------------------------------------------------
# Ordinary shop conversation.
DEV_ORDINARY = [
    "亲，您的{item}已经发货了，{courier}单号{num}，请注意查收",
    "请问{item}有{color}的吗？",
    "{item}什么时候能到{city}？",
    "亲，{item}{size}码还有货，需要给您留一件吗",
    "收到了，{item}质量很好，谢谢老板",
    "这个{item}有点小，可以换大一号吗",
    "你好，我想退货，{item}颜色和图片不一样",
    "好的，我们{time}给您安排发货",
    "亲，满{amount}包邮哦",
    "{item}怎么用？有视频教程吗",
    "在吗？{item}降价了吗",
    "已经给您退款{amount}元了，请查收",
    "亲，{item}是现货，今天下单{time}发",
    "{courier}显示已签收，但我没收到{item}",
    "{item}的保修期是多久？",
    "我买了两件{item}，能一起发吗",
    "亲，活动价{amount}元，{time}截止",
    "{item}洗了以后会缩水吗",
    "请问{city}可以发{courier}吗",
    "谢谢亲的支持，{item}有问题随时找我们",
    "{name}您好，您拍的{qty}件{item}已打包好",
    "亲，{item}{color}的断码了，{size}码{time}补货",
    "我想要{qty}个{item}，能批发价吗",
    "{name}，您的退货{courier}已经收到，{time}退款",
    "{item}的说明书丢了，能发个电子版吗",
    "亲，{item}收到后有任何问题都可以联系客服",
    "{city}今天下雪，{courier}可能会晚一点",
    "这件{item}{size}码是偏大还是偏小",
    "{item}有赠品吗？买{qty}件送什么",
    "亲，您的{item}在{city}中转，预计{time}到",
    "{item}的电池能用多久",
    "你好，我的{item}少了一个，订单号{num}",
    "我是{name}，上次买的{item}还不错，再来{qty}件",
    "{item}支持货到付款吗",
    "亲亲，{item}已经给您换成{color}了",
    "好评返现是真的吗？{item}挺好的",
    "{item}发错颜色了，我要的是{color}",
    "亲，{time}有直播，{item}会有优惠",
    "{item}是什么材质的？会不会掉色",
    "快递到{city}要几天？{item}急用",
]
FIRST_HELDOUT_ORDINARY = [
    "老板，{item}能便宜点吗",
    "这款{item}是正品吗？",
    "麻烦帮我把收货地址改成{city}",
    "{courier}太慢了，三天了{item}还没到",
    "亲，请提供一下您的收货地址和电话，我们补发{item}",
    "东西收到了，{item}很好用，给你们五星好评",
    "请问{item}可以开发票吗",
    "{item}有{color}吗？我想要{size}码",
    "我的{item}订单{num}怎么还没发货",
    "{time}之前下单能当天发吗",
    "{item}少发了一个配件，麻烦补一下",
    "亲，{item}支持七天无理由退换",
    "你们{city}有实体店吗",
    "{item}的尺寸是多少厘米",
    "拍了{amount}元的{item}，能改价吗",
    "客服你好，{item}坏了怎么申请售后",
    "亲，{courier}今天停发，{time}统一发出",
    "这个{item}送人合适吗，有礼盒包装吗",
    "{item}到了，包装很用心",
    "能帮我备注一下{color}吗，谢谢",
    "{name}你好，{item}已补发，单号{num}",
    "请问{item}和上一代比有什么区别",
    "我要{qty}个{item}，{time}能发出吗",
    "亲，{city}仓今天爆单，{item}会晚一天发",
    "{item}收到有点瑕疵，能部分退款吗",
    "老板在吗，{item}能不能加急",
    "{item}可以用消费券吗",
    "这个{item}适合几岁的孩子",
    "我在{city}，{courier}能送到小区门口吗",
    "亲，{item}{color}的比较显白哦",
    "已经申请退款了，{item}寄回{courier}单号{num}",
    "{item}充一次电能用几天",
    "{name}，麻烦确认一下收货地址是不是{city}",
    "你们的{item}是哪里生产的",
    "{item}的价格{time}会恢复原价吗",
    "帮我看看{item}物流到哪了",
    "下单{qty}件{item}可以优惠多少",
    "{item}外包装破了，里面没事",
    "亲，{item}已经是最低价了，再送您一个小礼品",
    "请问{item}能用花呗分期吗",
]
DEV_FILLERS = {
    "item": ["连衣裙", "羽绒服", "充电宝", "蓝牙耳机", "保温杯", "拖把", "电饭煲", "床单", "运动鞋", "口红"],
    "courier": ["顺丰", "中通", "圆通", "韵达"],
    "num": ["SF1234567890", "ZT778899001", "YT5566778", "YD31415926"],
    "color": ["黑色", "白色", "粉色", "藏青色"],
    "city": ["杭州", "成都", "哈尔滨", "广州"],
    "size": ["S", "M", "L", "XL"],
    "time": ["今天下午", "明天上午", "周五", "48小时内"],
    "amount": ["99", "59", "128", "30"],
    "name": ["王女士", "小李", "陈先生", "亲爱的顾客"],
    "qty": ["两", "三", "5", "10"],
}
FIRST_HELDOUT_FILLERS = {
    "item": ["空气炸锅", "窗帘", "机械键盘", "婴儿推车", "茶叶", "行李箱", "台灯", "卫衣", "洗发水", "瑜伽垫"],
    "courier": ["京东快递", "极兔", "邮政", "申通"],
    "num": ["JD0098765432", "JT3344556677", "EMS99887766", "STO20261125"],
    "color": ["米白", "灰色", "墨绿", "酒红"],
    "city": ["苏州", "昆明", "乌鲁木齐", "厦门"],
    "size": ["36", "38", "40", "42"],
    "time": ["后天", "下周一", "晚上八点前", "三个工作日内"],
    "amount": ["199", "25", "68", "300"],
    "name": ["张姐", "刘同学", "赵老师", "周先生"],
    "qty": ["四", "六", "8", "20"],
}

# Hard negatives: ordinary text with words that trip naive filters, and buyers' complaints
# quoting what a seller said (RULES 3.3: the complainant writes the reason).
DEV_HARD_NEGATIVES = [
    "快递明天上门取件，您放门口就行", "师傅下午上门安装空调", "这个价格也太死贵了吧",
    "哈哈哈笑死我了，包装好可爱", "我们是做PVC管材的，请问需要多少米", "亲，为什么给了差评呢？是哪里不满意吗",
    "本店专营殡葬用品，寿衣花圈冥币都有现货", "老人的寿衣要提前准备吗，尺码怎么选",
    "卖家骂我傻逼，还说要上门砍死我，我要投诉", "商家威胁说要曝光我的信息，平台管管吧",
    "帮我砍一刀，谢谢", "累死了，终于收到货了", "放心，我们不会泄露您的个人信息",
    "您的信息我们会严格保密，不会公开", "亲，方便的话改个好评，谢谢啦", "热死了，风扇什么时候发货",
    "这个垃圾袋质量不错，很厚", "三八节有活动吗", "我们店的花圈可以送到殡仪馆吗",
    "这价格简直要笑死人", "快递员打电话说明天上门送货", "打死我也不买第二次了，质量太差",
    "收拾你的行李用这个收纳袋很方便", "冥币是给老人上坟用的，多少钱一捆",
    "亲，差评我们已经看到了，非常抱歉，能给我们一次改正的机会吗",
    "他说“等着收棺材”，这是威胁吧，截图已经上传", "对方天天打电话骚扰我，还骂我脑残，求平台处理",
    "我不会删差评的，东西确实有问题", "亲，能麻烦您把评价修改一下吗？我们给您补偿五元红包",
    "上门安装师傅几点到", "这批管材什么时候到货", "你们的寿衣是什么面料",
]
FIRST_HELDOUT_HARD_NEGATIVES = [
    "请问可以上门维修吗", "上门测量要收费吗", "这双鞋也太贵了吧，死贵死贵的", "笑死，客服回复好快",
    "不锈钢管材有现货吗，规格多少", "差评我已经追评说明情况了，不用担心", "我想问一下差评会影响什么吗",
    "寿衣面料是纯棉的吗，老人穿着舒服吗", "花圈和纸钱一起下单能便宜点吗",
    "店家骂我是神经病，这种服务态度我要投诉", "我被卖家威胁了，他说要弄死我，截图在这",
    "收到卖家短信说不删差评就人肉我，怎么办", "放心，我们绝不会曝光你的个人信息", "饿死了，外卖怎么还没到",
    "小心点拆，里面是玻璃", "出门的时候把快递放门卫就好", "这个电饭煲低能耗，很省电", "胸围多少穿什么码",
    "亲，麻烦您有空把中评改一下好吗，给您返现5元", "垃圾分类的垃圾桶还有货吗", "你们的管材质量怎么样",
    "帮忙砍价呀，再便宜点", "吓死我了，还以为快递丢了", "我们会在三天内给您打电话回访",
    "客服说会上门取件，结果一直没人来", "老板说要给我寄个新的，还没收到",
    "卖家发消息说我是穷鬼买不起，太过分了，已举报", "我家老人走了，想买一套寿衣和花圈，今天能送到吗",
    "亲，评价的事不着急，您用着满意再说", "这个颜色丑死了，能换吗", "我们从来没有骚扰过您，请核实",
    "亲，差评能不能说说原因，我们好改进",
]


# ---------------------------------------------------------------------------------------
# The first held-out part (FIRST_HELDOUT_*) was measured once — its figures are kept in
# docs/bench/screener.md — and its misses were read to improve the lexicons. From then on it
# is development data, and the held-out part is the new one below, written afterwards and
# not looked at while tuning.
def _merge(a: dict[str, list | str], b: dict[str, list | str]) -> dict:
    return {k: a.get(k, type(v)()) + v for k, v in b.items()} | {k: v for k, v in a.items() if k not in b}


DEV_HOMOPHONES = _merge(DEV_HOMOPHONES, FIRST_HELDOUT_HOMOPHONES)
DEV_CORES = DEV_CORES + FIRST_HELDOUT_CORES
DEV_PREFIXES = DEV_PREFIXES + FIRST_HELDOUT_PREFIXES[2:]
DEV_SUFFIXES = DEV_SUFFIXES + FIRST_HELDOUT_SUFFIXES[2:]
DEV_DEMANDS = DEV_DEMANDS + FIRST_HELDOUT_DEMANDS
DEV_CONDITIONS = DEV_CONDITIONS + FIRST_HELDOUT_CONDITIONS
DEV_ORDINARY = DEV_ORDINARY + FIRST_HELDOUT_ORDINARY
DEV_FILLERS = _merge(DEV_FILLERS, FIRST_HELDOUT_FILLERS)
DEV_HARD_NEGATIVES = DEV_HARD_NEGATIVES + FIRST_HELDOUT_HARD_NEGATIVES

SECOND_HELDOUT_HOMOPHONES = {
    "死": "似寺肆", "你": "霓拟", "砍": "槛", "杀": "纱", "傻": "鲨", "逼": "必笔", "妈": "码蚂",
    "操": "槽", "曝": "宝", "棺": "冠罐", "寿": "瘦兽", "贱": "件健", "脑": "闹", "残": "餐",
    "智": "致志", "弄": "脓", "打": "答", "肉": "蹂", "约": "阅跃", "炮": "袍", "睡": "谁",
    "骚": "扫", "狗": "沟钩", "猪": "诸蛛", "蠢": "醇", "渣": "眨", "人": "壬", "婊": "镖",
    "杂": "砸", "畜": "触除", "捅": "统", "宰": "载", "等": "凳", "滚": "棍", "门": "扪",
    "家": "佳", "删": "扇", "评": "萍", "光": "咣", "信": "薪辛", "衣": "壹", "材": "踩",
    "腿": "蜕", "烧": "勺", "尸": "湿", "收": "手", "胸": "汹", "摸": "抹", "废": "肺",
    "断": "锻", "鬼": "诡", "种": "肿", "找": "赵", "电": "垫", "话": "华", "爆": "豹", "撞": "壮",
    "骗": "片", "刀": "叨", "命": "名", "贴": "铁", "网": "往", "花": "华", "圈": "全",
}
SECOND_HELDOUT_CORES = [
    ("今晚就去你家[砍你]", ["threat"]), ("你[活腻了]是吧", ["threat"]), ("信不信我[打死你]", ["threat"]),
    ("我让你[出不了门]", ["threat"]), ("等着[给你全家收尸]", ["threat"]), ("给你寄[纸钱]，慢慢花", ["threat"]),
    ("你家门口会有[惊喜]的", ["threat"]), ("[我弄死你]信不信", ["threat"]), ("找几个兄弟去[收拾你]", ["threat"]),
    ("[你的命]不值钱", ["threat"]), ("明天在你单位门口[堵你]", ["threat"]), ("[杀了你]全家", ["threat"]),
    ("我开车[撞死你]", ["threat"]), ("把你[腿打断]", ["threat"]), ("你等着收[花圈]吧", ["threat"]),
    ("[打爆你手机]", ["threat"]), ("半夜[给你打电话]，让你睡不着", ["threat"]), ("你给我[小心点]", ["threat"]),
    ("你会[后悔]的", ["threat"]), ("让你在这个城市[混不下去]", ["threat"]), ("[拿刀]去找你", ["threat"]),
    ("把[你身份证]号发到网上", ["doxxing"]), ("[你的手机号]我已经挂到贴吧了", ["doxxing"]),
    ("把[你家住址]公布出来", ["doxxing"]), ("[你的照片]我会发到你们小区群", ["doxxing"]),
    ("[人肉]出你的家庭住址", ["doxxing"]), ("[曝光你的工作单位]", ["doxxing"]),
    ("把你的聊天记录和电话[发到网上]", ["doxxing"]), ("给你[开个盒]", ["doxxing"]),
    ("[你的个人信息]我已经卖了", ["doxxing"]), ("网上发帖[曝光你]", ["doxxing"]),
    ("你这个[傻叉]", ["abuse"]), ("[狗日的]", ["abuse"]), ("你脑子被[驴踢]了", ["abuse"]),
    ("[死穷鬼]", ["abuse"]), ("没教养的[东西]", ["abuse"]), ("滚[你妈的]", ["abuse"]), ("[贱骨头]", ["abuse"]),
    ("你就是个[弱智]", ["abuse"]), ("[low逼]买家", ["abuse"]), ("你个[瘪三]", ["abuse"]),
    ("你是不是[有病]", ["abuse"]), ("[垃圾]买家", ["abuse"]), ("[神经病]一个", ["abuse"]),
    ("[丑八怪]", ["abuse"]), ("[臭婊子]", ["abuse"]), ("你个[龟孙]", ["abuse"]), ("[贱种]", ["abuse"]),
    ("真是个[蠢货]", ["abuse"]),
    ("加个微信，晚上[陪我]", ["sexual"]), ("[一晚多少钱]", ["sexual"]), ("想[睡你]", ["sexual"]),
    ("发几张[性感照片]", ["sexual"]), ("让我[摸一下]", ["sexual"]), ("你的身材真好，[约吗]", ["sexual"]),
    ("寄给你一个[飞机杯]", ["sexual"]), ("做我[情人]吧", ["sexual"]), ("[胸这么大]", ["sexual"]),
    ("跟我[开房]就给你退钱", ["sexual"]),
    ("你[敢给差评]？", ["review_pressure"]), ("差评[不删]别想安宁", ["review_pressure"]),
]
SECOND_HELDOUT_PREFIXES = ["", "", "行，", "你挺能啊，", "收到货还给差评？", "我再说一遍，", "听好了，", "好好的给什么差评，"]
SECOND_HELDOUT_SUFFIXES = ["", "", "。", "!", "，懂吗", "，别不当回事", "～"]
SECOND_HELDOUT_DEMANDS = ["差评撤掉", "删了那个差评", "评价改成五星", "把评论删了", "赶紧追加好评"]
SECOND_HELDOUT_CONDITIONS = [
    ("，否则天天[给你打电话]", ["threat"]), ("，不然你会[后悔]的", ["threat"]), ("，别给脸[不要脸]", ["abuse"]),
    ("，要不然把[你地址]发网上", ["doxxing"]), ("，今天必须删", []), ("，不然没完", ["threat"]), ("，[不删]你试试", ["threat"]),
    ("，你个[蠢猪]", ["abuse"]),
]
SECOND_HELDOUT_ORDINARY = [
    "亲，{item}今天{time}前下单可以当天发出",
    "我收到的{item}有划痕，能换一个吗",
    "{name}，您的{item}已经到{city}了，注意查收",
    "这个{item}和详情页写的不一样",
    "请问{item}有没有{color}的，{size}号",
    "店家，{item}能开{amount}元的发票吗",
    "{item}用了一周就坏了，怎么售后",
    "快递还在{city}，{item}什么时候能到",
    "亲，这款{item}{time}恢复原价",
    "{item}买{qty}送一吗",
    "您好，{courier}说{item}地址不详，麻烦核对一下",
    "谢谢老板，{item}很喜欢，下次还来",
    "{item}是{city}发货吗",
    "{name}，我们{time}会给您打电话确认{item}的安装时间",
    "{item}可以帮忙包成礼物吗",
    "订单{num}的{item}我想取消",
    "{item}的{color}款还会补货吗",
    "我家孩子很喜欢这个{item}",
    "亲，{item}的优惠券在首页领取",
    "{item}到货了，{courier}小哥态度很好",
    "能不能把{item}寄到我公司，地址是{city}",
    "这个{item}重不重？老人能用吗",
    "你好，{item}退货运费谁出",
    "{name}，{item}的尺码表发给您了",
    "客服在吗？{item}少了说明书",
    "{item}买贵了，能退差价吗",
    "我想给我妈买个{item}，推荐哪个",
    "亲，{item}今天发{courier}，明天就能到{city}",
    "{item}的包装盒压坏了，东西还好",
    "老板，{item}{qty}件起批吗",
]
SECOND_HELDOUT_FILLERS = {
    "item": ["扫地机器人", "毛毯", "电动牙刷", "儿童书包", "蜂蜜", "登山包", "吸尘器", "羊毛衫", "面膜", "咖啡机"],
    "courier": ["德邦", "菜鸟驿站", "百世", "丰网"],
    "num": ["DB5566001122", "CN778800221", "BS10293847", "FW6677889900"],
    "color": ["卡其", "浅蓝", "奶茶色", "紫色"],
    "city": ["南京", "西安", "长沙", "青岛"],
    "size": ["165", "170", "175", "180"],
    "time": ["今晚十点", "本周日", "月底", "下午三点"],
    "amount": ["88", "150", "45", "520"],
    "name": ["孙阿姨", "吴先生", "郑小姐", "何同学"],
    "qty": ["一", "七", "3", "12"],
}
SECOND_HELDOUT_HARD_NEGATIVES = [
    "这件衣服美死了，必须买", "这个收纳盒可以放在门口", "师傅上门送货时请带上工具", "我们提供上门回收旧家电服务",
    "快递员说要上门找你签字", "客服说明天给你打电话确认地址", "把你的地址发给我，我给你寄过去",
    "您的个人信息仅用于发货", "我们不会把您的电话给第三方", "这个杀虫剂效果怎么样", "砍价群里的链接打不开",
    "屠宰场直供的牛肉，新鲜", "卖家态度太差了，我给了差评，他就一直打电话骂我，我要投诉",
    "商家说要是不删差评就来我家，我好害怕，截图在这", "花圈店的老板说明天送花圈过去", "殡仪馆的冥币和纸钱在哪里买",
    "棺材板压不住了哈哈", "这个价格杀疯了", "秒杀活动几点开始", "死磕品质，只做好货", "吓死宝宝了，快递终于到了",
    "我的天，这也太好看了吧，爱死了", "店铺曝光量下降怎么办", "你妈妈穿多大码", "宝贝收到了，就是发货慢死了",
    "给你寄个样品看看", "送你一个小礼物，记得查收哦", "等着收快递吧，明天就到", "你的胸针已经发货了",
    "约吗？这周末团购", "你等着，我马上帮你查", "小心你的包裹，易碎", "老板，你们店的寿衣有加大码吗",
    "差评已删，谢谢老板补偿", "你要是不满意可以改评价的，不改也没关系", "我都给了好评，你还打电话干嘛",
    "亲，好评返现3元，截图发我就行", "帮我把差评删一下好吗，求求你了，我们小店不容易", "快点发货，不然我就给差评了",
    "他们家客服说话很难听，还说我是穷鬼，大家别买",
]



# Held-out v2 was measured once as well (docs/bench/screener-heldout-history.md) and then
# joined the development part; held-out v3 below was written after that.
DEV_HOMOPHONES = _merge(DEV_HOMOPHONES, SECOND_HELDOUT_HOMOPHONES)
DEV_CORES = DEV_CORES + SECOND_HELDOUT_CORES
DEV_PREFIXES = DEV_PREFIXES + SECOND_HELDOUT_PREFIXES[2:]
DEV_SUFFIXES = DEV_SUFFIXES + SECOND_HELDOUT_SUFFIXES[2:]
DEV_DEMANDS = DEV_DEMANDS + SECOND_HELDOUT_DEMANDS
DEV_CONDITIONS = DEV_CONDITIONS + SECOND_HELDOUT_CONDITIONS
DEV_ORDINARY = DEV_ORDINARY + SECOND_HELDOUT_ORDINARY
DEV_FILLERS = _merge(DEV_FILLERS, SECOND_HELDOUT_FILLERS)
DEV_HARD_NEGATIVES = DEV_HARD_NEGATIVES + SECOND_HELDOUT_HARD_NEGATIVES

THIRD_HELDOUT_HOMOPHONES = {
    "死": "饲", "你": "泥妮", "砍": "看", "杀": "啥", "傻": "啥", "逼": "哔", "妈": "吗", "操": "艹",
    "曝": "暴", "棺": "馆", "寿": "兽", "贱": "溅", "脑": "恼", "残": "蚕", "弄": "农", "打": "达",
    "肉": "柔", "约": "曰", "睡": "水", "骚": "搔", "狗": "勾", "猪": "朱", "人": "仁", "捅": "通",
    "等": "灯", "门": "们", "家": "加", "删": "山", "评": "平", "信": "心", "衣": "医", "尸": "师",
    "收": "熟", "找": "爪", "电": "点", "话": "化", "命": "明", "刀": "到", "渣": "炸", "材": "财",
}
THIRD_HELDOUT_CORES = [
    ("我已经查到[你住哪]了", ["threat"]), ("信不信我现在就过去[弄你]", ["threat"]),
    ("你全家都[不得好死]", ["threat"]), ("下次见面[打断你的狗腿]", ["threat"]),
    ("我找几个人去你小区门口[等你]", ["threat"]), ("给你寄了点[纸钱]，记得签收", ["threat"]),
    ("别让我在路上[碰到你]", ["threat"]), ("你孩子在哪个学校我[清楚得很]", ["threat"]),
    ("我会让你[付出代价]的", ["threat"]), ("我一刀[捅死你]", ["threat"]), ("你家那栋楼我[去过了]", ["threat"]),
    ("[小心你的车]", ["threat"]), ("我天天给你打电话，[打到你崩溃]为止", ["threat"]), ("准备好[棺材]吧", ["threat"]),
    ("老子[砍了你]", ["threat"]), ("你是[活够了]吧", ["threat"]), ("让你全家[陪葬]", ["threat"]),
    ("我跟你没完，晚上[去你家]", ["threat"]), ("找人[弄你]一顿", ["threat"]), ("出门最好[看着点]", ["threat"]),
    ("你的电话我已经[发给催债的]了", ["doxxing"]), ("我把[你的身份证]照片[发网上]了", ["doxxing"]),
    ("等着[被人肉]吧", ["doxxing"]), ("把你的丑照[发到你们公司群]", ["doxxing"]),
    ("[你的地址]电话我全[挂闲鱼]上了", ["doxxing"]), ("[全网曝光]你这个人", ["doxxing"]),
    ("我要把[你的个人信息]公之于众", ["doxxing"]), ("你的名字住址我都[发到朋友圈]了", ["doxxing"]),
    ("让你的[同事都看看]你是什么人", ["doxxing"]),
    ("你个[臭傻逼]", ["abuse"]), ("[什么东西]，滚", ["abuse"]), ("[穷逼]别买东西", ["abuse"]),
    ("你这种人就是社会的[渣滓]", ["abuse"]), ("[脑残]一个", ["abuse"]), ("你妈没[教过你做人]吗", ["abuse"]),
    ("[死八婆]", ["abuse"]), ("没素质的[东西]", ["abuse"]), ("你个[瓜皮]", ["abuse"]),
    ("[贱货]，给差评很爽是吧", ["abuse"]), ("[狗都比你懂事]", ["abuse"]), ("[恶心的玩意]", ["abuse"]),
    ("你个[老不死的]", ["abuse"]), ("[傻逼]买家", ["abuse"]), ("[垃圾人]", ["abuse"]), ("[操你大爷]", ["abuse"]),
    ("你就是个[神经病]", ["abuse"]), ("[尼玛的]", ["abuse"]),
    ("妹子，一个人住吗，[晚上去找你]", ["sexual"]), ("发点你的自拍，要[穿少点]的", ["sexual"]),
    ("你声音真好听，让我很[想睡你]", ["sexual"]), ("给你寄个[成人用品]，好好用", ["sexual"]),
    ("你穿这条裙子肯定[很骚]", ["sexual"]), ("[陪我一晚]给你全额退款", ["sexual"]),
    ("我想看你[穿我们家的内衣]", ["sexual"]), ("[约不约]", ["sexual"]), ("你的腿真好看，[能摸吗]", ["sexual"]),
    ("再[给差评试试]看", ["review_pressure"]), ("谁让你给的差评？马上[删]！", ["review_pressure"]),
]
THIRD_HELDOUT_PREFIXES = ["", "", "给了差评就想跑？", "哟，", "看清楚了，", "我最后警告你，", "就你事多，"]
THIRD_HELDOUT_SUFFIXES = ["", "", "。", "！", "，我说到做到", "，你试试", "。。。"]
THIRD_HELDOUT_DEMANDS = ["差评赶紧删了", "把那条评价删掉", "评价给我改回来", "把差评改成好评", "撤回你的差评"]
THIRD_HELDOUT_CONDITIONS = [
    ("，不然我[天天给你打电话]", ["threat"]), ("，否则[别怪我不客气]", ["threat"]), ("，不然[去你家找你]", ["threat"]),
    ("，你个[贱人]", ["abuse"]), ("，不然把[你照片挂网上]", ["doxxing"]), ("，[限你]一小时", []),
    ("，不然[有你受的]", ["threat"]), ("，听懂了吗[废物]", ["abuse"]),
]
THIRD_HELDOUT_ORDINARY = [
    "请问{item}现在下单{time}能到吗", "{item}收到了，但是颜色{color}", "老板，{item}再送个赠品呗",
    "{name}您好，{item}缺货，给您退款可以吗", "能不能发{courier}，其他快递到{city}太慢",
    "我要退{item}，已经寄回了，单号{num}", "亲，{item}的尺码偏小，建议拍{size}", "{item}的质量比我想象的好",
    "亲，{item}已经在派送了，请保持电话畅通", "这个{item}能用在车上吗", "为啥我的{item}还没发货，都{time}了",
    "{item}有没有更便宜的款", "客服，{item}里面有股味道，正常吗",
    "亲，{item}您收到后满意的话麻烦给个五星哦", "{item}能寄到{city}的学校吗",
    "{name}，您好，看到您给了中评，是{item}哪里有问题吗", "我下单了{qty}个{item}，麻烦尽快发",
    "{item}的安装师傅{time}上门", "这{item}是去年的款吗", "拆开{item}发现少了螺丝",
    "{courier}把我的{item}弄丢了怎么办", "{item}的发票能开公司抬头吗", "店里的{item}会补货吗",
    "老板人很好，{item}也很好", "亲亲，{item}今天发货，走{courier}", "{item}可以七天无理由吗？我拆了包装",
    "{item}多少钱包邮到{city}", "{name}，{item}的使用说明已经发您了", "{item}是不是买{qty}件更便宜",
    "{item}{time}能送到吗，家里没人",
]
THIRD_HELDOUT_FILLERS = {
    "item": ["保温饭盒", "宠物粮", "落地扇", "睡衣", "蓝牙音箱", "儿童水杯", "电热毯", "牛仔裤", "护手霜", "折叠椅"],
    "courier": ["顺丰快运", "京东物流", "中国邮政", "闪送"],
    "num": ["SFK8800123", "JDL4455667788", "CP2026112501", "SS99001122"],
    "color": ["偏黄", "偏暗", "发白", "偏红"],
    "city": ["武汉", "沈阳", "福州", "兰州"],
    "size": ["大一码", "大两码", "小一码", "正常码"],
    "time": ["明天中午", "周三", "下周五", "七点前"],
    "amount": ["66", "79", "399", "18"],
    "name": ["林女士", "高先生", "马同学", "宋阿姨"],
    "qty": ["两打", "九", "15", "30"],
}
THIRD_HELDOUT_HARD_NEGATIVES = [
    "快递员可以上门揽收吗", "上门换新服务怎么预约", "这个价格真是杀到骨折了", "笑死我了这个包装",
    "累死我了，搬了半天", "热死人了，空调什么时候装", "我们做UPVC管材，量大从优",
    "给差评的那位买家，能告诉我们原因吗", "请问评价可以修改吗", "怎么追加评价", "纸钱和元宝一起卖吗",
    "寿衣要按身高选吗", "花圈上的挽联可以定制吗", "老人走了，需要一套寿衣，急",
    "卖家说再给差评就去我家找我，我该怎么办", "我被店家骂了傻逼，还威胁我，已经截图",
    "商家发短信说要曝光我的信息，求助", "客服态度很好，没有骚扰我", "放心，我们绝对不会上门打扰您",
    "我们保证不会泄露您的信息", "这个刀很锋利，切肉很方便", "杀猪盘是什么意思", "砍刀适合户外用吗",
    "你家的菜刀还有货吗", "等着收货就行，不用管", "小心烫，刚出锅的", "宝宝睡了，晚点再聊",
    "我去你们店里看看实物", "老板人真好，爱死你们家了", "你们的包装真是绝了", "这个颜色太骚气了，我喜欢",
    "亲，您的身材穿这件肯定好看", "胸针和发卡一起买有优惠吗", "内衣尺码怎么选",
    "不改评价也没关系，我们下次改进", "亲，能追评一下吗？不方便也没关系", "别担心，不删差评也可以退款",
    "你们这个傻瓜相机好用吗", "这个狗粮我家狗很爱吃", "猪肉脯还有吗", "你家孩子多大了，推荐这个绘本",
    "我家就在你们仓库附近", "明天去你家附近的自提点拿",
]


# Held-out v3 was measured once too (docs/bench/screener-heldout-history.md) and joined the
# development part; held-out v4 below was written after that and is the held-out part now.
DEV_HOMOPHONES = _merge(DEV_HOMOPHONES, THIRD_HELDOUT_HOMOPHONES)
DEV_CORES = DEV_CORES + THIRD_HELDOUT_CORES
DEV_PREFIXES = DEV_PREFIXES + THIRD_HELDOUT_PREFIXES[2:]
DEV_SUFFIXES = DEV_SUFFIXES + THIRD_HELDOUT_SUFFIXES[2:]
DEV_DEMANDS = DEV_DEMANDS + THIRD_HELDOUT_DEMANDS
DEV_CONDITIONS = DEV_CONDITIONS + THIRD_HELDOUT_CONDITIONS
DEV_ORDINARY = DEV_ORDINARY + THIRD_HELDOUT_ORDINARY
DEV_FILLERS = _merge(DEV_FILLERS, THIRD_HELDOUT_FILLERS)
DEV_HARD_NEGATIVES = DEV_HARD_NEGATIVES + THIRD_HELDOUT_HARD_NEGATIVES

FOURTH_HELDOUT_HOMOPHONES = {
    "死": "四", "你": "逆", "砍": "侃", "杀": "刹", "傻": "煞", "逼": "碧", "妈": "玛", "操": "糙",
    "曝": "报", "寿": "售", "贱": "见", "脑": "闹", "残": "惨", "弄": "浓", "打": "搭", "睡": "税",
    "骚": "嫂", "狗": "够", "人": "忍", "等": "瞪", "门": "闷", "家": "嘉", "删": "珊", "评": "屏",
    "信": "欣", "滚": "衮", "花": "华", "圈": "权", "找": "照", "废": "费", "物": "务", "胸": "兄",
    "亲": "侵", "姓": "性", "承": "成",
}
FOURTH_HELDOUT_CORES = [
    ("再给差评我就[弄死你]", ["review_pressure", "threat"]), ("你信不信我[找人砸了你家]", ["threat"]),
    ("[我知道你住哪]，别逼我", ["threat"]), ("你[死定了]，我说的", ["threat"]), ("明天[上门找你]算账", ["threat"]),
    ("你等着，[我这就去找你]", ["threat"]), ("你[出门小心点]", ["threat"]), ("[给你家送个花圈]", ["threat"]),
    ("敢再买我家东西[打断你的腿]", ["threat"]), ("[你全家都会遭报应]", ["threat"]),
    ("我已经把[你家地址]给了几个兄弟", ["doxxing", "threat"]), ("晚上睡觉[别关门]等我", ["threat"]),
    ("[你家人的安全]你自己掂量", ["threat"]), ("我有的是办法[收拾你]", ["threat"]),
    ("[弄不死你]我跟你姓", ["threat"]), ("[我让你后悔]来到这个世界", ["threat"]),
    ("你叫什么住哪我全知道，等着[全网公开]", ["doxxing"]), ("把[你的照片]P成遗照[发朋友圈]", ["doxxing", "threat"]),
    ("我已经把[你的信息]给了我朋友，他们会去找你", ["doxxing", "threat"]), ("[曝光你的电话和住址]", ["doxxing"]),
    ("[人肉你]很简单", ["doxxing"]), ("你的单位地址我也查到了，[发给你领导]看看", ["doxxing"]),
    ("我把[你的手机号]发到[黄色网站]上了", ["doxxing"]),
    ("你是不是[脑子有问题]", ["abuse"]), ("[傻叉]买家", ["abuse"]), ("滚，[穷鬼]", ["abuse"]),
    ("你这个[杂碎]", ["abuse"]), ("[神经病]吧你", ["abuse"]), ("没见过你这么[不要脸]的", ["abuse"]),
    ("[去死吧]，垃圾", ["abuse", "threat"]), ("你[他妈]有病吧", ["abuse"]), ("[贱不贱]啊你", ["abuse"]),
    ("[狗东西]，给脸不要脸", ["abuse"]), ("[傻逼]玩意儿", ["abuse"]), ("[臭娘们]", ["abuse"]),
    ("[sb]一个", ["abuse"]), ("你这种[废物]活着干嘛", ["abuse"]), ("[脑残]吧你", ["abuse"]),
    ("美女，[陪我吃个饭]就退款", ["sexual"]), ("你穿什么颜色的[内裤]", ["sexual"]),
    ("发张你的照片给我看看，要[性感]点的", ["sexual"]), ("[跟我睡一次]，差评的事就算了", ["sexual"]),
    ("[约吗美女]", ["sexual"]), ("我想[亲你]", ["sexual"]), ("你的[胸]多大", ["sexual"]),
    ("[给你寄了套情趣内衣]，记得穿", ["sexual"]), ("晚上[陪我聊点刺激的]", ["sexual"]), ("你好[骚]啊", ["sexual"]),
    ("[不删差评]，我就天天找你", ["review_pressure", "threat"]), ("差评[敢不删]？", ["review_pressure"]),
]
FOURTH_HELDOUT_PREFIXES = ["", "", "喂，听着，", "你行，", "买个东西还这么多事，", "我忍你很久了，", "呸，"]
FOURTH_HELDOUT_SUFFIXES = ["", "", "。", "！！！", "，听清楚没", "，别装死", "？"]
FOURTH_HELDOUT_DEMANDS = ["把差评撤了吧", "删评", "那个中评给我删了", "好评改回来", "改个好评"]
FOURTH_HELDOUT_CONDITIONS = [
    ("，不然[我就去你家]", ["threat"]), ("，否则[后果你承担]", ["threat"]), ("，不然你就是[找死]", ["threat"]),
    ("，你个[贱货]", ["abuse"]), ("，不然把[你的地址发网上]", ["doxxing"]), ("，[马上]", []),
    ("，别逼我[动手]", ["threat"]), ("，不然[有你好果子吃]", ["threat"]),
]
FOURTH_HELDOUT_ORDINARY = [
    "亲，{item}已经打包，{time}发出", "{item}收到了，和描述一致，五星", "{name}，退款已经原路返回了",
    "这个{item}能不能便宜{amount}块", "{item}的颜色有{color}吗", "请问{city}包邮吗，{item}挺重的",
    "{courier}到了吗？我查不到{item}的物流", "亲，{item}买{qty}件打九折", "{item}的说明上写的保质期多久",
    "老板，{item}我买错了，能换吗", "刚拍了{item}，麻烦备注{color}", "{name}，{item}已补寄，单号{num}",
    "{item}寄到{city}要多久", "{item}有点掉色，洗的时候要注意什么", "亲，不好意思，{item}{time}才能发",
    "这款{item}有没有现货", "{item}能不能开专票", "{item}给我发{courier}吧", "你们家{item}回购好几次了",
    "老板，{item}拍{qty}个有优惠吗", "{item}是不是质量问题？用了两天就坏", "亲，{item}评价晒图返{amount}元",
    "请问{item}怎么清洗", "{item}到了，但是盒子压扁了", "亲，{item}{time}前付款今天发",
    "我在{city}，{item}能自提吗", "{item}的插头是国标的吗", "您好，{item}的赠品忘记放了",
    "{name}，麻烦看下{item}的订单{num}", "{item}挺好，就是物流慢了点",
]
FOURTH_HELDOUT_FILLERS = {
    "item": ["空调被", "电动车头盔", "无线鼠标", "婴儿湿巾", "加湿器", "冲锋衣", "不粘锅", "数据线", "围巾", "投影仪"],
    "courier": ["顺丰特快", "京东快运", "韵达快递", "安能物流"],
    "num": ["SF9900112233", "JDV0011223344", "YD8877665544", "ANE55667788"],
    "color": ["藕粉", "雾霾蓝", "香槟金", "军绿"],
    "city": ["重庆", "天津", "南宁", "太原"],
    "size": ["均码", "加大码", "XXL", "儿童码"],
    "time": ["今天六点", "明早", "后天上午", "本周末"],
    "amount": ["10", "20", "35", "100"],
    "name": ["黄女士", "徐先生", "谢同学", "梁阿姨"],
    "qty": ["十一", "二十五", "6", "50"],
}
FOURTH_HELDOUT_HARD_NEGATIVES = [
    "明天师傅上门量尺寸", "可以上门安装吗，我不会装", "这个价格死便宜啊", "哈哈哈哈笑死", "快累死了，终于拆完快递",
    "我们厂专做PE管材", "亲，看到您的差评了，我们很抱歉，能说说哪里不好吗", "评价写错了可以改吗",
    "怎么删除自己的评价", "寿衣店今天营业吗", "想订一个花圈送到殡仪馆，今天能送吗", "冥币一包有多少张",
    "卖家骂我是傻逼，这种卖家平台管不管", "客服威胁我说不删差评就找人上门，我已经报警了",
    "他说要曝光我的个人信息，怎么办", "我收到一个快递，里面是寿衣，肯定是那个卖家寄的，我要投诉",
    "我们不会打扰您，放心", "您的电话号码我们不会泄露", "这把刀杀鱼好用吗", "砍骨刀有吗", "秒杀价还有吗",
    "这个玩具枪小孩玩安全吗", "杀菌洗衣液多少钱", "等着收快递吧，今晚到", "小心轻放，里面是瓷器",
    "宝贝我们已经寄出了", "我家狗狗很喜欢这个玩具", "猪蹄还有吗", "亲，满意的话给个五星好评，谢谢",
    "亲，能帮忙改个好评吗？实在不行也没关系", "如果方便的话，麻烦修改一下评价，谢谢您",
    "你们那个骚粉色的口红还有吗", "内衣是什么材质的", "这款睡衣适合夏天穿吗",
    "请提供一下您的手机号，方便快递联系", "你把地址发我一下，我重新寄", "我把你的单号发给快递了",
    "我是你邻居，帮你代收了快递", "老板说今天晚上去你们仓库提货", "你家的东西太好用了，爱死了",
]


# Held-out v4 was measured once (docs/bench/screener-heldout-history.md) and joined the
# development part; held-out v5 below was written after that and is the held-out part now.
DEV_HOMOPHONES = _merge(DEV_HOMOPHONES, FOURTH_HELDOUT_HOMOPHONES)
DEV_CORES = DEV_CORES + FOURTH_HELDOUT_CORES
DEV_PREFIXES = DEV_PREFIXES + FOURTH_HELDOUT_PREFIXES[2:]
DEV_SUFFIXES = DEV_SUFFIXES + FOURTH_HELDOUT_SUFFIXES[2:]
DEV_DEMANDS = DEV_DEMANDS + FOURTH_HELDOUT_DEMANDS
DEV_CONDITIONS = DEV_CONDITIONS + FOURTH_HELDOUT_CONDITIONS
DEV_ORDINARY = DEV_ORDINARY + FOURTH_HELDOUT_ORDINARY
DEV_FILLERS = _merge(DEV_FILLERS, FOURTH_HELDOUT_FILLERS)
DEV_HARD_NEGATIVES = DEV_HARD_NEGATIVES + FOURTH_HELDOUT_HARD_NEGATIVES

FIFTH_HELDOUT_HOMOPHONES = {
    "死": "丝司", "你": "妮拟", "砍": "看", "杀": "沙", "傻": "沙", "逼": "比", "妈": "马", "操": "草",
    "贱": "剑", "脑": "恼", "残": "惨", "弄": "农", "打": "大", "睡": "水", "骚": "扫", "狗": "苟",
    "人": "仁", "等": "灯", "门": "们", "家": "加", "删": "山", "评": "平", "废": "费", "猪": "朱",
    "蠢": "春", "滚": "棍", "炮": "泡", "约": "月", "胸": "凶", "摸": "膜", "腿": "退", "视": "事",
    "尸": "诗", "收": "手", "肉": "柔", "光": "广", "信": "新", "息": "西", "找": "照", "带": "代",
}
FIFTH_HELDOUT_CORES = [
    ("你要是再敢乱评价，[我让你好看]", ["review_pressure", "threat"]), ("[我弄死你全家]", ["threat"]),
    ("你[晚上睡觉小心点]", ["threat"]), ("[我已经在你楼下了]", ["threat"]), ("你[找打]是吧", ["threat"]),
    ("[信不信我废了你]", ["threat"]), ("我[打得你妈都不认识]", ["threat"]), ("[明天我就带人过去]", ["threat"]),
    ("你[怎么死的都不知道]", ["threat"]), ("[给你收个尸]", ["threat"]), ("[你家门口的监控]我看过了", ["threat"]),
    ("[让你永远闭嘴]", ["threat"]), ("我认识你们小区的保安，[你跑不掉]", ["threat"]),
    ("[我让你活不过今年]", ["threat"]), ("你再不接电话[我就打到你单位去]", ["threat"]), ("[你全家都得死]", ["threat"]),
    ("[你的身份证号]我已经拿到了，等着被[公开]", ["doxxing"]), ("[把你的视频发到网上]让大家看看", ["doxxing"]),
    ("我会把[你家的地址贴在网上]", ["doxxing"]), ("[你老公的电话]我有，我给他[打电话说说]", ["doxxing"]),
    ("你的[聊天记录]我会[截图发到网上]", ["doxxing"]), ("我去[你们公司门口发传单]，让大家认识认识你", ["doxxing"]),
    ("[人肉搜索]一下就知道你是谁", ["doxxing"]), ("[曝光]你这种人的[个人信息]", ["doxxing"]),
    ("你[有病吧]", ["abuse"]), ("[傻逼东西]", ["abuse"]), ("你这个[白眼狼]", ["abuse"]),
    ("[脑残]，看不懂说明吗", ["abuse"]), ("[不要脸的]东西", ["abuse"]), ("[滚你妈的]", ["abuse"]),
    ("[猪脑子]吧你", ["abuse"]), ("[狗娘养]的东西", ["abuse"]), ("[贱人]就是矫情", ["abuse"]),
    ("你个[死变态]", ["abuse"]), ("[low货]", ["abuse"]), ("你[算个屁]", ["abuse"]), ("[蠢得要死]", ["abuse"]),
    ("你[脑子进屎了]", ["abuse"]), ("[穷酸样]", ["abuse"]), ("[臭不要脸的]买家", ["abuse"]),
    ("美女[一个人在家吗]", ["sexual"]), ("[陪我睡]一晚，全额退款", ["sexual"]), ("[你胸挺大]的", ["sexual"]),
    ("[发个视频给我看看]你的身材", ["sexual"]), ("[约个炮]怎么样", ["sexual"]), ("[想摸你的腿]", ["sexual"]),
    ("[跟我开个房]，这事就算了", ["sexual"]), ("你[穿丝袜肯定很性感]", ["sexual"]),
    ("[给你寄个震动棒]", ["sexual"]), ("[我想上你]", ["sexual"]),
    ("[差评删不删]？不删[你等着]", ["review_pressure"]), ("[你敢给差评]，[你试试]", ["review_pressure"]),
    ("[删了差评]，不然[我天天骚扰你]", ["review_pressure", "threat"]),
]
FIFTH_HELDOUT_PREFIXES = ["", "", "我警告你，", "又是你，", "亲？呵呵，", "你有种，", "听见没，"]
FIFTH_HELDOUT_SUFFIXES = ["", "", "。", "！", "，我不是开玩笑", "…", "!!"]
FIFTH_HELDOUT_DEMANDS = ["差评删一下", "把评价删了", "评价改掉", "赶紧把中评改了", "差评给我撤回"]
FIFTH_HELDOUT_CONDITIONS = [
    ("，不然[我就上门]", ["threat"]), ("，不删[你就完了]", ["threat"]), ("，你这个[蠢货]", ["abuse"]),
    ("，否则把[你电话公开]", ["doxxing"]), ("，今天不删[明天就找人]", ["threat"]), ("，[你看着办]", ["threat"]),
    ("，不然[后果很严重]", ["threat"]), ("，小心我[找人收拾你]", ["threat"]),
]
FIFTH_HELDOUT_ORDINARY = [
    "亲，{item}今天{time}发，记得查收", "{item}用着不错，已经推荐给朋友了", "{name}，{item}的退款已处理",
    "请问{item}保修几年", "这个{item}是{color}的吗，图片看不清", "{item}可以寄到{city}吗，多少运费",
    "{courier}说明天派送{item}", "亲，{item}第二件半价", "{item}的电源线多长", "老板，{item}能再便宜{amount}吗",
    "我下错单了，{item}能取消吗", "{name}，您的{item}补发单号是{num}", "{item}从{city}发货要几天",
    "{item}第一次用要注意什么", "亲，{item}缺货，{time}到货", "{item}是全新的吗", "{item}能开个收据吗",
    "我要{courier}，{item}急用", "第三次买{item}了，一如既往的好", "{item}拍{qty}件包邮吗",
    "{item}开箱有点异味，散散就好了吧", "亲，{item}的使用视频发您了", "请问{item}能水洗吗",
    "{item}收到了，外箱有点破", "亲，{time}之前下单的{item}都会发出", "我人在{city}，{item}几天到",
    "{item}的接口是什么型号", "您好，{item}的发票忘开了", "{name}，{item}的订单{num}已发货",
    "{item}很满意，物流也快",
]
FIFTH_HELDOUT_FILLERS = {
    "item": ["电饼铛", "拼图", "车载支架", "孕妇枕", "烤箱", "登山鞋", "收纳盒", "键盘膜", "帽子", "筋膜枪"],
    "courier": ["顺心捷达", "跨越速运", "中通快运", "宅急送"],
    "num": ["SX1122334455", "KY5566778899", "ZTO0099887766", "ZJS4433221100"],
    "color": ["奶白", "深棕", "天蓝", "玫红"],
    "city": ["合肥", "南昌", "贵阳", "大连"],
    "size": ["S号", "M号", "L号", "XL号"],
    "time": ["下午四点", "今晚", "周四", "月初"],
    "amount": ["5", "15", "50", "200"],
    "name": ["罗女士", "唐先生", "韩同学", "冯阿姨"],
    "qty": ["八", "十", "4", "40"],
}
FIFTH_HELDOUT_HARD_NEGATIVES = [
    "打死都不退？那我只能给差评了", "快递被压死了，盒子全扁了", "这鞋美哭了", "上门自提可以吗", "上门服务几点到",
    "我买了个棺材形状的笔筒，很搞笑", "寿衣给老人买的，尺码偏大吗", "卖家说不删差评就不退款，合理吗",
    "商家威胁要上门，我害怕，已报警", "你们的客服说要曝光我，什么意思", "放心，我们绝不会透露您的信息",
    "请不要把我的电话给别人", "这款刀具可以砍骨头吗", "砍价成功了吗", "杀价杀得太狠了吧", "这个锅炸东西好用吗",
    "烧水壶有保修吗", "这个颜色骚气又好看", "内衣的胸垫可以拿出来吗", "你们的模特身材真好", "等着收货，别急",
    "小心地滑提示牌有吗", "收拾房间用的收纳箱", "给你送个小礼品", "亲，给个好评呗，谢谢",
    "您方便的时候改一下评价就行，不改也没事", "不好意思打扰了，能删一下中评吗？我们给您补偿",
    "我们会再联系您的，不会打扰太多", "麻烦把你的地址发我，给你补寄", "你家孩子穿多大码",
    "这个玩偶挺吓人的，小孩会怕吗", "鬼屋主题的装饰品有吗", "恐怖面具是万圣节用的吗", "冥想垫有吗",
    "纸人手工材料包", "花圈形状的蛋糕能做吗", "我骂了快递员一顿，他态度太差了", "这个傻瓜相机拍照好看吗",
    "我们店的猪肉都是当天杀的", "死机了怎么办，重启也不行",
]


# Held-out v5 was measured once (docs/bench/screener-heldout-history.md) and joined the
# development part; held-out v6 below was written after that and is the held-out part now.
DEV_HOMOPHONES = _merge(DEV_HOMOPHONES, FIFTH_HELDOUT_HOMOPHONES)
DEV_CORES = DEV_CORES + FIFTH_HELDOUT_CORES
DEV_PREFIXES = DEV_PREFIXES + FIFTH_HELDOUT_PREFIXES[2:]
DEV_SUFFIXES = DEV_SUFFIXES + FIFTH_HELDOUT_SUFFIXES[2:]
DEV_DEMANDS = DEV_DEMANDS + FIFTH_HELDOUT_DEMANDS
DEV_CONDITIONS = DEV_CONDITIONS + FIFTH_HELDOUT_CONDITIONS
DEV_ORDINARY = DEV_ORDINARY + FIFTH_HELDOUT_ORDINARY
DEV_FILLERS = _merge(DEV_FILLERS, FIFTH_HELDOUT_FILLERS)
DEV_HARD_NEGATIVES = DEV_HARD_NEGATIVES + FIFTH_HELDOUT_HARD_NEGATIVES

SIXTH_HELDOUT_HOMOPHONES = {
    "死": "四思", "你": "尼", "砍": "坎", "杀": "煞", "傻": "啥", "逼": "币", "妈": "码", "操": "艹",
    "贱": "见", "脑": "恼", "残": "蚕", "弄": "侬", "打": "达", "睡": "谁", "骚": "扫", "狗": "够",
    "人": "任", "等": "登", "门": "们", "家": "佳", "删": "闪", "评": "萍", "废": "肺", "猪": "珠",
    "蠢": "纯", "滚": "衮", "炮": "泡", "约": "阅", "胸": "熊", "摸": "磨", "腿": "推", "视": "是",
    "尸": "师", "收": "首", "肉": "揉", "光": "广", "信": "芯", "找": "赵", "捅": "桶", "揍": "奏",
}
SIXTH_HELDOUT_CORES = [
    ("敢给差评，我让你在淘宝[混不下去]", ["review_pressure", "threat"]), ("你等着，[我现在就去你家]", ["threat"]),
    ("你[活腻歪了]吧", ["threat"]), ("信不信我[捅你]", ["threat"]), ("我会[一直找人打电话给你]", ["threat"]),
    ("[你老婆孩子]还好吧", ["threat"]), ("老子[弄不死你]", ["threat"]), ("晚上[走夜路注意点]", ["threat"]),
    ("[给你全家烧纸]", ["threat"]), ("你就等着[挨揍]吧", ["threat"]), ("我找人把你[腿打折]", ["threat"]),
    ("[你这辈子完了]", ["threat"]), ("半夜给你打[一百个电话]", ["threat"]), ("我已经[叫人去你家]了", ["threat"]),
    ("你会[有报应]的", ["threat"]), ("我知道你[每天几点下班]", ["threat"]),
    ("把[你的照片]做成表情包[发群里]", ["doxxing"]), ("[你的个人资料]我已经发到网上了", ["doxxing"]),
    ("我要[公布你的住址]", ["doxxing"]), ("你电话多少我都知道，[发给所有人]", ["doxxing"]),
    ("我会[发帖曝光你]", ["doxxing"]), ("把你买的东西和[地址挂出来]", ["doxxing"]),
    ("[人肉出来]你就完了", ["doxxing", "threat"]), ("你单位的人都会知道你是[什么货色]", ["doxxing", "abuse"]),
    ("你就是[头猪]", ["abuse"]), ("[煞笔]买家", ["abuse"]), ("你[脑子被狗吃了]", ["abuse"]),
    ("[垃圾]，退货都不会", ["abuse"]), ("[贱货]一个", ["abuse"]), ("[滚蛋]吧你", ["abuse"]), ("你个[傻冒]", ["abuse"]),
    ("[丢人现眼]的东西", ["abuse"]), ("[没文化]真可怕", ["abuse"]), ("[操]，什么人啊", ["abuse"]),
    ("[你娘的]", ["abuse"]), ("[婊里婊气]", ["abuse"]), ("你真是个[废物]", ["abuse"]), ("[脑子瓦特]了", ["abuse"]),
    ("[你妈死了]吧", ["abuse"]),
    ("[陪我一晚上]就给你退", ["sexual"]), ("身材这么好，[做我女朋友]吧", ["sexual"]), ("[你的胸]是真的吗", ["sexual"]),
    ("寄个[按摩棒]给你", ["sexual"]), ("[约不]，美女", ["sexual"]), ("[晚上来我房间]", ["sexual"]),
    ("[穿黑丝]给我看看", ["sexual"]), ("[想和你睡觉]", ["sexual"]), ("拍张全身照给我，[不穿衣服]的", ["sexual"]),
    ("[不删差评]就别想退款", ["review_pressure"]), ("追评改掉，[不然你知道后果]", ["review_pressure"]),
    ("[删差评]！马上！", ["review_pressure"]),
]
SIXTH_HELDOUT_PREFIXES = ["", "", "行啊你，", "怎么，", "喂喂，", "差评都给了是吧，", "我跟你说，"]
SIXTH_HELDOUT_SUFFIXES = ["", "", "。", "！", "，记好了", "，等着", "~"]
SIXTH_HELDOUT_DEMANDS = ["把差评删咯", "评价撤了", "中评改成好评", "差评赶快删掉", "把那个评论删了"]
SIXTH_HELDOUT_CONDITIONS = [
    ("，不然[我弄死你]", ["threat"]), ("，否则[别怪我]", ["threat"]), ("，你个[死穷鬼]", ["abuse"]),
    ("，不然我把[你电话挂网上]", ["doxxing"]), ("，[限你一个小时]", []), ("，要不然[你走着瞧]", ["threat"]),
    ("，别给脸[不要脸]", ["abuse"]), ("，不然[天天骚扰你]", ["threat"]),
]
SIXTH_HELDOUT_ORDINARY = [
    "亲，{item}的快递{courier}，单号{num}", "{item}好用，回购了", "{name}，您申请的退款已同意",
    "{item}有赠品吗", "{item}有没有{color}的", "发{city}大概几天", "{item}物流怎么一直不动",
    "亲，{item}今天下单送{qty}个小样", "{item}的材质是什么", "老板，{item}能包邮吗",
    "我拍错了{item}的颜色，想换成{color}", "{name}，{item}已经补发了", "{item}从哪里发货",
    "{item}怎么安装，有说明书吗", "亲，{item}{time}补货", "{item}有质检报告吗", "{item}可以开电子发票吗",
    "请帮我发{courier}", "这家的{item}一直很稳", "{item}两件一起买便宜点吧", "{item}不能充电了，怎么办",
    "亲，{item}晒图好评返{amount}元红包", "{item}可以机洗吗", "{item}包装太简陋了", "{time}能发出吗，{item}急用",
    "我在{city}出差，{item}改寄到酒店可以吗", "{item}适配什么型号", "亲，{item}的赠品单独寄出了",
    "{name}，订单{num}的{item}已出库", "{item}比实体店便宜，赞",
]
SIXTH_HELDOUT_FILLERS = {
    "item": ["电热水壶", "拼装积木", "手机壳", "暖宝宝", "咖啡豆", "跑步机", "床垫", "剃须刀", "手套", "蓝牙手表"],
    "courier": ["顺丰标快", "京东特惠", "极兔速递", "圆通快递"],
    "num": ["SF3344556677", "JDX2233445566", "JT8877665544", "YT1122334455"],
    "color": ["浅灰", "墨黑", "樱花粉", "湖蓝"],
    "city": ["郑州", "石家庄", "海口", "呼和浩特"],
    "size": ["小号", "中号", "大号", "特大号"],
    "time": ["今天下班前", "周六", "下下周", "明天傍晚"],
    "amount": ["3", "8", "12", "60"],
    "name": ["钱女士", "曹先生", "袁同学", "邓阿姨"],
    "qty": ["俩", "仨", "7", "100"],
}
SIXTH_HELDOUT_HARD_NEGATIVES = [
    "快递员上门揽件了吗", "上门维修要另外收费吗", "价格死贵还这么难用", "笑死我了这客服", "累死了，快递太重",
    "镀锌管材有几种规格", "您好，看到您给了差评，想了解一下原因", "评价可以追加吗", "我想把评价改一下，怎么操作",
    "寿衣是纯棉的吗", "花圈送到医院附近可以吗", "纸钱和香一起多少钱", "卖家骂我贱货，还说要找人打我，我要投诉",
    "商家说不删评价就把我电话挂网上，我已经截图", "对方威胁说知道我住哪，怎么办", "我收到了一个花圈，不知道谁寄的，平台能查吗",
    "放心，我们不会把您的信息给别人", "您的隐私我们会保护好", "这把菜刀砍排骨会卷刃吗", "秒杀开始了吗",
    "杀价也太狠了", "这款炸锅容量多大", "你家狗粮狗狗爱吃", "猪肉松还有吗", "满意的话麻烦给个好评",
    "能不能帮我们改个好评？不方便就算了，谢谢", "麻烦您有空追评一下，谢谢支持", "这个睡衣骚粉色真好看",
    "内衣胸垫能拆吗", "模特穿的是什么尺码", "等着收货就好，不用付邮费", "小心点拆，边角锋利", "给你送的小礼物收到了吗",
    "把地址发我一下，我帮你改", "你家宝宝穿几码", "这个恐龙玩具吓人吗", "冥想音乐播放器有吗", "鬼节有活动吗",
    "我刚骂完自己，又买错了", "电脑死机了，能远程帮我看看吗",
]


# Held-out v6 was measured once (docs/bench/screener-heldout-history.md) and joined the
# development part; held-out v7 below was written after that, before the compositional
# frames (rules.toml [[frame]]) existed, and is the held-out part now.
DEV_HOMOPHONES = _merge(DEV_HOMOPHONES, SIXTH_HELDOUT_HOMOPHONES)
DEV_CORES = DEV_CORES + SIXTH_HELDOUT_CORES
DEV_PREFIXES = DEV_PREFIXES + SIXTH_HELDOUT_PREFIXES[2:]
DEV_SUFFIXES = DEV_SUFFIXES + SIXTH_HELDOUT_SUFFIXES[2:]
DEV_DEMANDS = DEV_DEMANDS + SIXTH_HELDOUT_DEMANDS
DEV_CONDITIONS = DEV_CONDITIONS + SIXTH_HELDOUT_CONDITIONS
DEV_ORDINARY = DEV_ORDINARY + SIXTH_HELDOUT_ORDINARY
DEV_FILLERS = _merge(DEV_FILLERS, SIXTH_HELDOUT_FILLERS)
DEV_HARD_NEGATIVES = DEV_HARD_NEGATIVES + SIXTH_HELDOUT_HARD_NEGATIVES

SEVENTH_HELDOUT_HOMOPHONES = {
    "死": "私", "你": "匿", "劈": "批", "卸": "泄", "泼": "坡", "掐": "恰", "撞": "状", "坟": "焚",
    "斧": "府", "跪": "贵", "躺": "淌", "活": "伙", "漆": "七", "窗": "疮", "贴": "帖", "照": "兆",
    "址": "止", "号": "浩", "卖": "迈", "公": "工", "蠢": "淳", "驴": "吕", "臭": "丑", "窝": "涡",
    "癞": "赖", "教": "叫", "恶": "饿", "脸": "敛", "屁": "譬", "股": "谷", "脱": "托", "床": "闯",
    "房": "防", "情": "晴", "嘴": "咀", "夜": "页", "裤": "酷", "亲": "钦", "腿": "褪", "摸": "馍",
    "穷": "琼", "贱": "涧", "车": "砗", "医": "依", "网": "罔", "群": "裙",
}
SEVENTH_HELDOUT_CORES = [
    ("停在楼下那辆白车是你的吧，[小心哪天着火]", ["threat"]), ("[我拿斧头劈了你]", ["threat"]),
    ("信不信[我让你躺着出去]", ["threat"]), ("[你儿子在哪上学]我清楚得很", ["threat"]),
    ("[你全家都别想好过]", ["threat"]), ("迟早[送你上路]", ["threat"]), ("[我带几个兄弟过去]找你聊聊", ["threat"]),
    ("给我记住，[以后出门多看看身后]", ["threat"]), ("[把你胳膊卸了]", ["threat"]), ("[往你家门上刷红漆]", ["threat"]),
    ("[你活不过这个月]", ["threat"]), ("我已经[查到你住几号楼]了", ["threat"]), ("[你妈还在医院吧]，让她保重", ["threat"]),
    ("[等我找到你]，你就知道厉害了", ["threat"]), ("[拿硫酸泼你脸]", ["threat"]), ("[把你家窗户全砸了]", ["threat"]),
    ("再叫一声试试，[我掐死你]", ["threat"]), ("[晚上睡觉别关窗]，我会来的", ["threat"]), ("[让你横着出医院]", ["threat"]),
    ("[打到你跪下求饶]", ["threat"]), ("[你家小孩放学]是一个人走吧", ["threat"]), ("[我开车撞死你]", ["threat"]),
    ("[你坟头的草]会长得很高", ["threat"]), ("[你老公上夜班]，你一个人在家吧", ["threat"]),
    ("[你的手机号和住址]我全贴到论坛上", ["doxxing"]), ("我会[把你的照片]发到你们小区群", ["doxxing"]),
    ("[你老公的电话]我也有，要不要让他知道你干的事", ["doxxing"]), ("[把你身份证号]公开出来", ["doxxing"]),
    ("我[去你公司]贴你的大字报", ["doxxing"]), ("[你的微信和真名]马上全网都知道", ["doxxing"]),
    ("我已经[把你的资料]卖给催债的了", ["doxxing"]), ("[开个直播]把你家地址念出来", ["doxxing"]),
    ("[让你们公司的人]都认识认识你", ["doxxing"]), ("[你的工作单位]我查到了，明天打电话过去说说", ["doxxing"]),
    ("[把你的素颜照]传到贴吧", ["doxxing"]), ("[你的车牌号]我发到本地群了", ["doxxing"]),
    ("[你孩子的学校]我会告诉所有人", ["doxxing"]), ("我做了张[你的信息海报]，到处发", ["doxxing"]),
    ("你这种人[就是社会的蛀虫]", ["abuse"]), ("[没脸没皮的老东西]", ["abuse"]), ("[你脑袋里装的都是浆糊]吧", ["abuse"]),
    ("[瞎了你的狗眼]", ["abuse"]), ("[没家教的玩意儿]", ["abuse"]), ("[你算个什么东西]", ["abuse"]),
    ("[土包子]买不起就别买", ["abuse"]), ("[你这头笨驴]", ["abuse"]), ("你就是个[臭要饭的]", ["abuse"]),
    ("[滚回你的狗窝去]", ["abuse"]), ("[矮矬穷]还挑三拣四", ["abuse"]), ("[你爹妈怎么生出你这种货]", ["abuse"]),
    ("[恶心的东西]，看见你就烦", ["abuse"]), ("[天生下三滥的胚子]", ["abuse"]), ("[你智商欠费了]吧", ["abuse"]),
    ("[一股子寒酸样]", ["abuse"]), ("[癞蛤蟆]也配给差评", ["abuse"]),
    ("[你的腿真长]，晚上出来玩玩", ["sexual"]), ("[发几张洗澡的照片]给我", ["sexual"]), ("[去宾馆]聊聊退款的事", ["sexual"]),
    ("[给你寄了情趣内衣]，穿上拍给我", ["sexual"]), ("[你腰真细]，想搂一下", ["sexual"]), ("[陪我过夜]就全额退", ["sexual"]),
    ("[想抱着你揉一揉]", ["sexual"]), ("[视频的时候脱了]给我看", ["sexual"]), ("[你叫床]一定很好听", ["sexual"]),
    ("[做我的情人]吧，包你吃穿", ["sexual"]), ("[你内裤什么颜色]", ["sexual"]), ("[让我啵一个]才给你退款", ["sexual"]),
    ("[你的嘴唇]看着就想亲", ["sexual"]), ("[一个晚上什么价]", ["sexual"]),
    ("差评留着，[你会后悔一辈子]", ["review_pressure", "threat"]), ("[中评不改]，退款就别想了", ["review_pressure"]),
]
SEVENTH_HELDOUT_PREFIXES = ["", "", "呵，", "又给差评？", "你听好，", "老子跟你说，", "哎我说，"]
SEVENTH_HELDOUT_SUFFIXES = ["", "", "。", "！", "，别不信", "，听明白没", "……"]
SEVENTH_HELDOUT_DEMANDS = ["差评删掉给我", "评价先删一下", "星星改成五颗", "追评删了", "差评撤回来"]
SEVENTH_HELDOUT_CONDITIONS = [
    ("，不然[我把你手指头一根根掰断]", ["threat"]), ("，否则[有你好看]", ["threat"]), ("，[老东西]", ["abuse"]),
    ("，不然[你的电话我发到群里]", ["doxxing"]), ("，[今天之内]", []), ("，[要不然后果自负]", ["threat"]),
]
SEVENTH_HELDOUT_ORDINARY = [
    "{name}，{item}我们{time}给您发出", "{item}收到后有问题随时找我", "请问{item}能放进洗碗机吗",
    "亲，{item}降价了，差价{amount}元退您", "{item}的{color}款还有货吗", "{item}送到{city}要多久",
    "{courier}的单号{num}，请查收{item}", "{item}的说明书丢了，有电子版吗", "{item}{size}的还有吗",
    "买{qty}个{item}能打折吗", "{name}，{item}退货地址发您了", "{item}包装里少了一个配件", "我想给{item}加个礼盒",
    "{item}的保质期到什么时候", "亲，{item}已经签收了吗", "{item}太好看了，颜色是{color}", "{item}能不能换成{size}",
    "亲，{time}有直播，{item}有折扣", "{item}需要自己组装吗", "{name}，您的{item}正在打包", "{item}用了{qty}天就坏了",
    "能帮我查一下{num}到哪了吗", "{item}可以用{courier}到付吗", "{item}有没有{city}的线下店", "亲，{item}满{amount}减十",
    "{item}的充电器是通用的吗", "评价写好了，{item}挺好用的", "{item}在{city}仓库，{time}发货",
    "{name}，{item}的尺码是{size}吗", "{item}的退款什么时候到账",
]
SEVENTH_HELDOUT_FILLERS = {
    "item": ["折叠伞", "电蚊拍", "香薰机", "洗碗布", "游戏手柄", "儿童雨靴", "保鲜膜", "宠物梳", "电煮锅", "运动水壶"],
    "courier": ["优速快递", "速尔快运", "天天快递", "信丰物流"],
    "num": ["YS2020303040", "SE7788990011", "TT1357924680", "XF2468013579"],
    "color": ["薄荷绿", "焦糖色", "象牙白", "雾紫"],
    "city": ["银川", "西宁", "拉萨", "珠海"],
    "size": ["XS", "44码", "39码", "4XL"],
    "time": ["周二下午", "下个月初", "明晚九点", "今天中午"],
    "amount": ["7", "23", "49", "110"],
    "name": ["潘女士", "杜先生", "蒋同学", "崔阿姨"],
    "qty": ["二", "十六", "11", "60"],
}
SEVENTH_HELDOUT_HARD_NEGATIVES = [
    "你家的猫粮吃完了吗，要不要再来一袋", "上门安装师傅明天到你家", "这把斧头劈柴很好用", "你的地址我已经改好了，明天发货",
    "我们会在网上公开抽奖结果", "照片可以发到评论区吗，有返现", "你的信息已加密保存，不会公开", "卖家说要把我照片挂网上，我已经投诉了",
    "他骂我蠢驴，平台管不管", "你是个好人，谢谢理解", "你这个要求不过分，给你退", "这个是真的狗窝，宠物用的",
    "情侣睡衣有大码吗", "内裤是纯棉的吗，颜色有几种", "胸罩尺码怎么量", "这条打底裤腿长多少", "杀虫剂对猫有害吗",
    "烧烤架可以折叠吗", "小心烫，杯子刚消毒", "滤芯迟早要换的，建议备一个", "等着你的好消息，亲", "记住你的取件码：8899",
    "老板打死也不会降价的", "孩子放学后可以帮你收快递", "你的同事也买了同款吧", "你的名字写错了，我帮你改一下",
    "身份证号不用填，实名已通过", "快递员说找不到你家，能打个电话吗", "我找到你的订单了，马上处理", "你的腿围多少，我推荐尺码",
    "这个玩具枪会不会伤到孩子", "买家秀晒图送你优惠券", "帮我砍个价呗", "死磕品质是我们的口号", "这台手机摔不死，很耐用",
    "纸扎店用的彩纸有吗", "卖家说要找人去我家，我已经截图报警", "商家说会把我身份证发到网上，怎么投诉", "店主骂我乡巴佬，我要投诉",
    "亲，如果满意麻烦改个评价，不勉强", "您的快递已经放在你家门口了", "我们明天上门测量窗帘尺寸", "情趣用品店的包装能保密吗",
    "你老公的尺码也可以一起拍", "拍照的时候别开闪光灯", "这个蛤蟆造型的灯很可爱", "恶心想吐是晕车了，快递晚点到",
]


# Held-out v7 was measured twice — at first look and once after the compositional frames,
# without being tuned on (docs/bench/screener-heldout-history.md) — and then joined the
# development part. Held-out v8 below was written after the frames existed, by the engineer
# who wrote them, and measured once.
DEV_HOMOPHONES = _merge(DEV_HOMOPHONES, SEVENTH_HELDOUT_HOMOPHONES)
DEV_CORES = DEV_CORES + SEVENTH_HELDOUT_CORES
DEV_PREFIXES = DEV_PREFIXES + SEVENTH_HELDOUT_PREFIXES[2:]
DEV_SUFFIXES = DEV_SUFFIXES + SEVENTH_HELDOUT_SUFFIXES[2:]
DEV_DEMANDS = DEV_DEMANDS + SEVENTH_HELDOUT_DEMANDS
DEV_CONDITIONS = DEV_CONDITIONS + SEVENTH_HELDOUT_CONDITIONS
DEV_ORDINARY = DEV_ORDINARY + SEVENTH_HELDOUT_ORDINARY
DEV_FILLERS = _merge(DEV_FILLERS, SEVENTH_HELDOUT_FILLERS)
DEV_HARD_NEGATIVES = DEV_HARD_NEGATIVES + SEVENTH_HELDOUT_HARD_NEGATIVES

EIGHTH_HELDOUT_HOMOPHONES = {
    "你": "伲", "死": "厮", "剁": "跺", "脸": "练", "臭": "瞅", "胸": "匈", "猪": "侏", "屎": "史",
    "蠢": "椿", "穷": "邛", "贱": "荐", "撞": "幢", "床": "创", "袜": "瓦", "澡": "早", "洗": "喜",
    "喝": "呵", "衣": "一", "寄": "记", "照": "罩", "挂": "呱", "户": "护", "籍": "集", "号": "好",
    "葱": "匆", "粪": "奋", "坑": "吭", "晚": "碗", "陪": "培", "刀": "捯", "膝": "昔", "盖": "丐",
    "病": "并", "担": "耽", "架": "驾", "忌": "计", "馅": "陷", "吸": "夕", "血": "穴", "骗": "翩",
}
EIGHTH_HELDOUT_CORES = [
    ("[我让人在你车里放点东西]", ["threat"]), ("[你出门的时候回头看看]", ["threat"]),
    ("[我认识你们那片的人]，你自己掂量", ["threat"]), ("[今晚就让你进太平间]", ["threat"]),
    ("[拿铁棍敲碎你的膝盖]", ["threat"]), ("[你家那只猫]最近还好吗", ["threat"]),
    ("[哪天你在路上被车撞了]别怪我", ["threat"]), ("[找人把你拖到没人的地方]", ["threat"]),
    ("[你老娘的病房号]我有", ["threat"]), ("[给你的脸上划几刀]", ["threat"]), ("[等天黑了我就过去]", ["threat"]),
    ("[你一家老小]都给我当心着", ["threat"]), ("[叫你永远开不了口]", ["threat"]), ("[准备好担架]吧", ["threat"]),
    ("[我会让你在床上躺半年]", ["threat"]), ("[你女儿长得挺可爱]，在哪个幼儿园", ["threat"]),
    ("[我不介意进去蹲几年]，你看着办", ["threat"]), ("[下次见面就是你的忌日]", ["threat"]),
    ("[把你剁成肉馅]", ["threat"]), ("[你小区大门]我已经踩过点了", ["threat"]),
    ("[你的户籍信息]我弄到手了，准备公开", ["doxxing"]), ("[把你的购物记录]截图发到你家族群", ["doxxing"]),
    ("[你的工号和部门]我会发给你们人事", ["doxxing"]), ("[你的自拍]我拿去做寻人启事", ["doxxing"]),
    ("我要[把你的生日和住址]发到相亲网站", ["doxxing"]), ("[你的快递单]我拍下来传到网上了", ["doxxing"]),
    ("[把你的脸印在传单上]，满大街发", ["doxxing"]), ("[你的朋友圈截图]我已经转给你们老板", ["doxxing"]),
    ("[你家门牌]我写在微博上了", ["doxxing"]), ("[你的账号信息]我会挂到曝光群", ["doxxing"]),
    ("[打印你的照片]贴在你们单位门口", ["doxxing"]), ("[你儿子的班级和名字]我会发到家长群", ["doxxing"]),
    ("[你的QQ号]我已经发到黑产群了", ["doxxing"]),
    ("[你这个吸血鬼]", ["abuse"]), ("[穷得叮当响]还来网购", ["abuse"]), ("[你是不是脑子缺根筋]", ["abuse"]),
    ("[死皮赖脸的东西]", ["abuse"]), ("[狗改不了吃屎]", ["abuse"]), ("[你就是个臭虫]", ["abuse"]),
    ("[扫把星]，谁卖给你谁倒霉", ["abuse"]), ("[你这种败家婆娘]", ["abuse"]), ("[你这个二愣子]", ["abuse"]),
    ("[长得跟猪八戒似的]", ["abuse"]), ("[嘴比粪坑还臭]", ["abuse"]), ("[你妈生你的时候]把脑子落下了", ["abuse"]),
    ("[蠢得无可救药]", ["abuse"]), ("[一副讨饭相]", ["abuse"]), ("[你算哪根葱]", ["abuse"]),
    ("[滚一边去]，烦死了", ["abuse"]), ("[没皮没脸的骗子]", ["abuse"]),
    ("[今晚找个地方喝两杯]，喝完去我那", ["sexual"]), ("[你胸前那两团]挺大啊", ["sexual"]), ("[穿短裙来取货]", ["sexual"]),
    ("[让我闻闻你的袜子]", ["sexual"]), ("[穿上我买的睡衣]给我瞧瞧", ["sexual"]), ("[你男朋友能满足你吗]", ["sexual"]),
    ("[把你的内衣寄给我]，我给你退款", ["sexual"]), ("[洗完澡拍个视频]发我", ["sexual"]), ("[你身上肯定很香]", ["sexual"]),
    ("[跟我好一次]，货款全免", ["sexual"]), ("[做我干妹妹]吧，我疼你", ["sexual"]),
    ("[你的小嘴]真会说话，用来干别的也不错吧", ["sexual"]), ("[给你买套情趣睡衣]，穿给我看", ["sexual"]),
    ("差评不撤，[咱们就耗着]", ["review_pressure"]), ("[评价不删]，这事没完", ["review_pressure"]),
]
EIGHTH_HELDOUT_PREFIXES = ["", "", "嘿，", "一个差评至于吗？", "你给我看清楚，", "哼，", "我就问你，"]
EIGHTH_HELDOUT_SUFFIXES = ["", "", "。", "！！", "，懂？", "，就这样", "……！"]
EIGHTH_HELDOUT_DEMANDS = ["删差评先", "把差评改回来", "评价给我删掉", "差评撤销一下", "把一星改成五星"]
EIGHTH_HELDOUT_CONDITIONS = [
    ("，否则[我去你家门口坐着]", ["threat"]), ("，[你个土鳖]", ["abuse"]), ("，不然[你的电话号码全网都有]", ["doxxing"]),
    ("，[明天中午前]", []), ("，要不然[我就不客气了]", ["threat"]), ("，不然[剁你手指]", ["threat"]),
]
EIGHTH_HELDOUT_ORDINARY = [
    "{item}我们{time}前安排发货", "{name}，{item}的发票已经开好了", "{item}可以放冰箱吗",
    "亲，{item}现在下单送{qty}份赠品", "{item}有{color}和白色两种", "寄到{city}的{item}走{courier}",
    "{num}这个单号查不到，帮我看看", "{item}的尺寸能发我一下吗", "{item}是{size}的吗", "{item}买{qty}件有优惠吗",
    "{item}退货需要原包装吗", "{name}，{item}补差价{amount}元就可以升级", "{item}充满电能用几天",
    "亲，{item}今天价格是{amount}", "{item}的颜色跟图片一样吗", "{item}换货寄回地址在{city}", "{item}有没有儿童款",
    "{time}之前能到{city}吗", "{item}包装盒能不要吗，环保一点", "{name}，{item}已经帮您登记了",
    "我想再买{qty}个{item}送人", "{item}的评价我写完了，谢谢", "{item}能用{courier}寄吗", "{item}可以分期付款吗",
    "亲，{item}的赠品是{color}的", "{item}的售后电话是多少", "{item}用着有点响，正常吗",
    "{name}，{item}的快递到{city}了", "{item}洗了会缩水吗", "{item}有没有{size}的",
]
EIGHTH_HELDOUT_FILLERS = {
    "item": ["烫发棒", "手摇磨豆机", "车载冰箱", "猫砂盆", "露营灯", "晾衣架", "儿童滑板车", "电子秤", "蒸汽眼罩", "榨汁杯"],
    "courier": ["顺丰同城", "京东到家", "丹鸟", "九曳供应链"],
    "num": ["DN3141592653", "JY2718281828", "SFTC1029384756", "JDDJ5647382910"],
    "color": ["珊瑚橙", "橄榄绿", "石墨灰", "奶油黄"],
    "city": ["泉州", "洛阳", "桂林", "三亚"],
    "size": ["26寸", "28寸", "120cm", "150cm"],
    "time": ["周一上午", "今晚八点半", "下周三", "十号"],
    "amount": ["13", "27", "64", "250"],
    "name": ["邱女士", "范先生", "叶同学", "贾阿姨"],
    "qty": ["三十", "九十九", "13", "24"],
}
EIGHTH_HELDOUT_HARD_NEGATIVES = [
    "太平洋保险的单子我们帮你填好了", "这个膝盖护具适合跑步吗", "你家猫咪喜欢这个猫抓板吗", "车里放个香薰挺好的",
    "担架式折叠床有现货吗", "忌日用的白菊花可以预定吗", "肉馅机能绞骨头吗", "小区大门的门禁卡能代配吗",
    "你女儿长得挺可爱，穿这件正合适", "我们可以把你的快递放到物业", "你的生日快到了，送你一张优惠券",
    "你的购物记录里有这件吗，帮你查查", "全网最低价，放心买", "打印照片要什么尺寸", "班级合照能冲印吗",
    "你的QQ号我们不会记录", "吸血鬼造型的万圣节服装", "二愣子是我们老家的方言，别介意", "猪八戒背媳妇的玩偶有吗",
    "这个睡衣穿上很舒服，适合夏天", "短裙有内衬吗", "袜子是纯棉的吗", "情趣睡衣是隐私包装吗", "洗完澡用这款身体乳效果好",
    "你身上那件是我们家的吗", "陪伴型机器人能聊天吗", "喝两杯也不会醉的低度酒", "卖家说要给我脸上划几刀，我已经报警了",
    "商家把我的照片贴在店门口，我要投诉", "对方骂我二愣子，截图在这", "收到一条短信说要让我进太平间，平台能查吗",
    "不会公开你的户籍信息，请放心", "你的信息只用于发货，绝不外泄", "亲，别担心，我们不会找你麻烦的，差评也接受",
    "我们不会去你家，快递会送到驿站", "你放心，我们永远不会泄露你的手机号", "这款刀能切肉馅吗",
    "车被撞了？我们的行车记录仪能拍清楚", "晚上天黑了路灯亮吗，这款太阳能灯", "你一家老小都能用的大号保温壶",
    "这个膝盖贴能缓解疼痛吗", "准备好担架和急救包，户外必备", "今晚八点直播，记得来看", "床上四件套有哪些颜色",
]


# Held-out v8 was measured once (docs/bench/screener-heldout-history.md), read, and joined the
# development part. Held-out v9 below was written after the frames were widened on what v8
# showed, by the engineer who wrote them, and measured once.
DEV_HOMOPHONES = _merge(DEV_HOMOPHONES, EIGHTH_HELDOUT_HOMOPHONES)
DEV_CORES = DEV_CORES + EIGHTH_HELDOUT_CORES
DEV_PREFIXES = DEV_PREFIXES + EIGHTH_HELDOUT_PREFIXES[2:]
DEV_SUFFIXES = DEV_SUFFIXES + EIGHTH_HELDOUT_SUFFIXES[2:]
DEV_DEMANDS = DEV_DEMANDS + EIGHTH_HELDOUT_DEMANDS
DEV_CONDITIONS = DEV_CONDITIONS + EIGHTH_HELDOUT_CONDITIONS
DEV_ORDINARY = DEV_ORDINARY + EIGHTH_HELDOUT_ORDINARY
DEV_FILLERS = _merge(DEV_FILLERS, EIGHTH_HELDOUT_FILLERS)
DEV_HARD_NEGATIVES = DEV_HARD_NEGATIVES + EIGHTH_HELDOUT_HARD_NEGATIVES

NINTH_HELDOUT_HOMOPHONES = {
    "你": "妳", "死": "泗", "命": "鸣", "火": "伙", "腿": "忒", "瞎": "虾", "眼": "演", "刀": "岛",
    "血": "雪", "楼": "喽", "油": "游", "照": "赵", "号": "豪", "卖": "麦", "扒": "八",
    "蠢": "莼", "猪": "茱", "疯": "峰", "穷": "茕", "傻": "厦", "胸": "芎", "摸": "默",
    "亲": "勤", "寂": "记", "寞": "莫", "酒": "久", "店": "电", "勾": "沟", "引": "饮",
}
NINTH_HELDOUT_CORES = [
    ("[你走路最好别低头玩手机]", ["threat"]), ("[我有一百种办法整你]", ["threat"]),
    ("[你住的那栋楼]晚上挺黑的吧", ["threat"]), ("[哪天你家着个火]也不奇怪", ["threat"]),
    ("[我兄弟刚放出来]，正愁没事干", ["threat"]), ("你再敢多说一句，[我把你牙打掉]", ["threat"]),
    ("[等你下班]我在门口接你", ["threat"]), ("[你的命]不值几个钱", ["threat"]),
    ("[我让你这辈子都睡不安稳]", ["threat"]), ("[你外孙]上的是实验小学吧", ["threat"]),
    ("[我拿汽油]去你家门口转转", ["threat"]), ("[你信不信我让你横着回家]", ["threat"]), ("[敲断你的手腕]", ["threat"]),
    ("[我已经在你楼道里了]", ["threat"]), ("[你老婆每天几点去菜市场]我都知道", ["threat"]),
    ("[给你寄一把带血的刀]", ["threat"]), ("[弄瞎你一只眼]", ["threat"]),
    ("[你的手机号]我已经群发给所有快递员了", ["doxxing"]), ("[把你的身份证正反面]发到网上", ["doxxing"]),
    ("[你单位领导的电话]我也查到了，等着他找你谈话", ["doxxing"]), ("[把你家的地址]告诉讨债的", ["doxxing"]),
    ("[你的头像和昵称]我做成了表情包到处发", ["doxxing"]), ("[你的聊天截图]全部公开给你的亲戚", ["doxxing"]),
    ("[你家的照片]我发到了本地论坛", ["doxxing"]), ("[你的前科]我会让邻居都知道", ["doxxing"]),
    ("[你的学历和工作]我全扒出来了", ["doxxing"]), ("[把你的号码]卖给推销的", ["doxxing"]),
    ("[你老婆的照片]我贴到了小区公告栏", ["doxxing"]), ("[你的真实姓名]我马上写进差评回复里", ["doxxing"]),
    ("[你家孩子的照片]我会发给所有人看", ["doxxing"]),
    ("[瞧你那德行]", ["abuse"]), ("[你就是个不长脑的废柴]", ["abuse"]), ("[什么阿猫阿狗]也敢来买东西", ["abuse"]),
    ("[你这种人活着就是浪费空气]", ["abuse"]), ("[看你那穷样]", ["abuse"]), ("[你这个神经质的疯婆子]", ["abuse"]),
    ("[你脑子是不是让门挤了]", ["abuse"]), ("[一个臭买东西的]还挑三拣四", ["abuse"]), ("[你全家都是缺心眼]", ["abuse"]),
    ("[猪都比你讲道理]", ["abuse"]), ("[蠢到家了]你", ["abuse"]), ("[你这头笨熊]", ["abuse"]),
    ("[你是从哪个山沟沟里爬出来的]", ["abuse"]), ("[窝囊透顶的家伙]", ["abuse"]), ("[你个赔钱货]", ["abuse"]),
    ("[你穿那么少]是想勾引谁", ["sexual"]), ("[和我过一晚]这事就算了", ["sexual"]), ("[让我碰碰你的大腿]", ["sexual"]),
    ("[你那胸]是不是做过", ["sexual"]), ("[发张穿内衣的照片]给我", ["sexual"]),
    ("[晚上来酒店找我]，我给你退款", ["sexual"]), ("[你是不是很寂寞]，哥哥陪你", ["sexual"]),
    ("[想不想试试我的]", ["sexual"]), ("[你一个女孩子]晚上出来玩吗", ["sexual"]), ("[给你看看我的身材]", ["sexual"]),
    ("[你的屁屁]好可爱", ["sexual"]), ("[让我亲一口]就给你好评返现", ["sexual"]), ("[你的睡衣照]发我看看", ["sexual"]),
    ("[做我的女人]，要什么有什么", ["sexual"]),
    ("差评不撤，[小心你的快递]", ["review_pressure", "threat"]), ("[把评价删咯]，不然有你苦头吃", ["review_pressure", "threat"]),
]
NINTH_HELDOUT_PREFIXES = ["", "", "你听着，", "给差评是吧？", "喂，我说，", "少废话，", "老实说，"]
NINTH_HELDOUT_SUFFIXES = ["", "", "。", "！", "，记着", "，明白？", "~~"]
NINTH_HELDOUT_DEMANDS = ["差评删除吧", "那条评价撤了", "五星好评改一下", "把追评删了", "中评撤回"]
NINTH_HELDOUT_CONDITIONS = [
    ("，否则[我把你家地址发网上]", ["doxxing"]), ("，[你个丑东西]", ["abuse"]), ("，不然[我找人教训你]", ["threat"]),
    ("，[今天下午三点前]", []), ("，[不然我就一直发消息]", ["threat"]), ("，否则[后果你自己承担]", ["threat"]),
]
NINTH_HELDOUT_ORDINARY = [
    "{item}今天{time}出库", "{name}，{item}的物流更新了", "{item}有配套的收纳袋吗", "亲，{item}现在拍立减{amount}元",
    "{item}{color}的库存还有{qty}件", "{item}寄{city}用{courier}可以吗", "单号{num}显示已签收，您确认一下",
    "{item}的重量是多少", "{item}有{size}吗", "{qty}件{item}一起发可以吗", "{item}支持七天无理由退货吗",
    "{name}，{item}的退款{amount}元已原路返回", "{item}能连手机蓝牙吗", "{item}今天有活动价", "{item}实物和图片有色差吗",
    "{item}保修卡在盒子里", "{item}有没有替换装", "{time}能送到{city}吗", "{item}外包装有点压痕，不影响使用",
    "{name}，{item}已经登记补发", "朋友推荐来买{item}的", "{item}好评已经写了，很满意", "{item}可以选{courier}发货吗",
    "{item}支持花呗吗", "亲，{item}赠送的是{color}款", "{item}的客服热线多少", "{item}噪音大不大",
    "{name}，{item}到{city}中转站了", "{item}第一次洗会掉色吗", "{item}{size}的适合几岁",
]
NINTH_HELDOUT_FILLERS = {
    "item": ["足浴盆", "颈椎枕", "电动螺丝刀", "鱼缸过滤器", "挂烫机", "儿童积木桌", "无线充电器", "破壁机", "阅读灯", "空气净化器"],
    "courier": ["邮政快递包裹", "壹米滴答", "百世快运", "顺丰冷运"],
    "num": ["ZB1234000001", "YM5566443322", "BSKY998877", "SFLY20261126"],
    "color": ["薄荷蓝", "砖红", "燕麦色", "深空灰"],
    "city": ["扬州", "遵义", "柳州", "威海"],
    "size": ["小码", "5XL", "60cm", "3岁"],
    "time": ["今天傍晚", "下周二", "周末前", "十五号"],
    "amount": ["9", "19", "39", "129"],
    "name": ["葛女士", "汪先生", "白同学", "常阿姨"],
    "qty": ["四十", "两百", "17", "36"],
}
NINTH_HELDOUT_HARD_NEGATIVES = [
    "汽油滤芯能用多久", "骨灰级玩家推荐的键盘", "横着放还是竖着放", "你走路多的话选这款鞋", "你孩子上几年级，推荐这套书",
    "门口转角的快递柜可以取件", "你家楼道灯坏了？我们的感应灯很合适", "这款刀是开过刃的，小心手", "带血的牛排怎么煎",
    "狗腿子是电视剧里的台词", "你的手机号已更新到订单", "身份证正反面照片用于实名认证，平台保密", "表情包定制可以吗",
    "论坛上看到你们家的测评", "你这种情况建议换货", "空气净化器在家用很好", "穷游必备的背包", "门挤了手的话用这个药膏",
    "山沟沟里的土特产", "废物利用的收纳盒", "你穿那么少小心着凉，加件外套吧", "睡一觉起来就到了", "酒店拖鞋是一次性的吗",
    "寂寞的时候可以听听这个音箱", "你的身材适合这款连衣裙", "内衣照片可以看详情页", "做我们的会员有积分",
    "卖家说要打断我的腿，我已报警", "商家说要把我身份证发网上，截图如下", "对方骂我废物点心，平台管吗",
    "我们不会把你的地址告诉任何人", "你的快递不会丢，请放心", "我们绝不会泄露你的信息", "收拾你的行李箱用这个收纳袋",
    "把差评删了也没关系，不删也可以", "好评返现，谢谢亲", "你一个女孩子搬不动的话我们送货上楼", "给你看看实物图",
    "晚上来店里取货也可以", "你的名字可以刻在杯子上", "你老婆喜欢的话再来一件", "蠢萌的小猪存钱罐还有吗",
    "你家的照片墙用这款相框", "你们小区的快递点在哪",
]

DEV_HOMOPHONES = _merge(DEV_HOMOPHONES, NINTH_HELDOUT_HOMOPHONES)
DEV_CORES = DEV_CORES + NINTH_HELDOUT_CORES
DEV_PREFIXES = DEV_PREFIXES + NINTH_HELDOUT_PREFIXES[2:]
DEV_SUFFIXES = DEV_SUFFIXES + NINTH_HELDOUT_SUFFIXES[2:]
DEV_DEMANDS = DEV_DEMANDS + NINTH_HELDOUT_DEMANDS
DEV_CONDITIONS = DEV_CONDITIONS + NINTH_HELDOUT_CONDITIONS
DEV_ORDINARY = DEV_ORDINARY + NINTH_HELDOUT_ORDINARY
DEV_FILLERS = _merge(DEV_FILLERS, NINTH_HELDOUT_FILLERS)
DEV_HARD_NEGATIVES = DEV_HARD_NEGATIVES + NINTH_HELDOUT_HARD_NEGATIVES

# fmt: on


# ---------------------------------------------------------------------------------------
def load_pinyin() -> dict[str, list[str]]:
    table = {}
    for line in (HERE / "pinyin_for_disguises.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, *readings = line.split()
            table[char] = readings
    return table


PINYIN = load_pinyin()


def hanzi_positions(text: str) -> list[int]:
    return [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]


def interleave(text: str, rng: random.Random, pick) -> str:
    """Put a separator from pick() between the characters of a core (at least two gaps)."""
    out = [text[0]]
    for char in text[1:]:
        if char not in "，。？！" and out[-1] not in "，。？！":
            out.append(pick())
        out.append(char)
    return "".join(out)


def disguise(core: str, form: str, rng: random.Random, homophones: dict[str, str]) -> str | None:
    """The core as an evader would type it, or None when the form does not apply.

    When part of the core is in [brackets], only that part — the harmful words — is
    disguised: 「信不信我[弄死你全家]」.
    """
    if "[" in core:
        before, rest = core.split("[", 1)
        key, after = rest.split("]", 1)
        disguised = disguise(key, form, rng, homophones)
        if "[" in after:  # a second harmful part: disguised the same way, or left as it is
            after = disguise(after, form, rng, homophones) or after.replace("[", "").replace(
                "]", ""
            )
        return None if disguised is None else before + disguised + after
    positions = hanzi_positions(core)
    if form == "pinyin":
        candidates = [i for i in positions if core[i] in PINYIN]
        if not candidates:
            return None
        if rng.random() < 0.25 and len(core) <= 5:
            return " ".join(PINYIN[c][0] if c in PINYIN else c for c in core)
        chosen = set(rng.sample(candidates, min(len(candidates), rng.choice([1, 1, 2]))))
        return "".join(PINYIN[c][0] if i in chosen else c for i, c in enumerate(core))
    if form == "initials":
        for word, initials in INITIALISMS.items():
            if word in core:
                return core.replace(word, initials.upper() if rng.random() < 0.3 else initials)
        candidates = [i for i in positions if core[i] in PINYIN]
        if not candidates:
            return None
        i = rng.choice(candidates)
        return core[:i] + PINYIN[core[i]][0][0] + core[i + 1 :]
    if form == "homophone":
        candidates = [i for i in positions if core[i] in homophones]
        if not candidates:
            return None
        i = rng.choice(candidates)
        return core[:i] + rng.choice(homophones[core[i]]) + core[i + 1 :]
    if form == "split_space":
        return interleave(core, rng, lambda: " ")
    if form == "split_dot":
        dot = rng.choice(DOTS)
        return interleave(core, rng, lambda: dot)
    if form == "zero_width":
        return interleave(core, rng, lambda: rng.choice(ZERO_WIDTH))
    if form == "fullwidth":
        if any(c.isascii() and c.isalnum() for c in core):
            return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in core)
        return interleave(core, rng, lambda: "\u3000")
    if form == "emoji":
        out = []
        for i, char in enumerate(core):
            out.append(char)
            if i < len(core) - 1 and rng.random() < 0.5:
                out.append(rng.choice(EMOJI))
        if len(out) == len(core):
            out.insert(1, rng.choice(EMOJI))
        return "".join(out) + rng.choice(EMOJI)
    return core


def whole_message(text: str, form: str, rng: random.Random) -> str:
    if form == "traditional":
        return S2T.convert(text)
    if form == "mixed":
        return "".join(S2T.convert(c) if rng.random() < 0.5 else c for c in text)
    return text


def template_rows(rng: random.Random) -> list[dict]:
    """Dev rows from the templates, cores and hard negatives above (held-out v1 to v9)."""
    cores, homophones = DEV_CORES, DEV_HOMOPHONES
    prefixes, suffixes = DEV_PREFIXES, DEV_SUFFIXES
    demands, conditions = DEV_DEMANDS, DEV_CONDITIONS
    templates, fillers, hard = DEV_ORDINARY, DEV_FILLERS, DEV_HARD_NEGATIVES
    rows: list[dict] = []

    def add(text, labels, form, kind, undisguised=None):
        rows.append(_row(text, labels, form, kind, "template", undisguised))

    # Harmful: every core in plain form, then each core again under several disguises.
    for core, labels in cores:
        for form in ["plain"] + rng.sample(FORMS[1:], 5):
            disguised = disguise(core, form, rng, homophones)
            if disguised is None:
                continue
            prefix, suffix = rng.choice(prefixes), rng.choice(suffixes)
            text = prefix + disguised + suffix
            undisguised = prefix + disguise(core, "plain", rng, homophones) + suffix
            add(whole_message(text, form, rng), labels, form, "harmful", undisguised)
        assert "[" not in text
    # Review pressure: demand + condition; the disguise goes on the condition.
    for demand in demands:
        for condition, extra in conditions:
            form = rng.choice(FORMS)
            disguised = disguise(condition.lstrip("，"), form, rng, homophones)
            if disguised is None:
                form, disguised = (
                    "plain",
                    disguise(condition.lstrip("，"), "plain", rng, homophones),
                )
            prefix = rng.choice(prefixes)
            text = prefix + demand + "，" + disguised
            undisguised = (
                prefix + demand + "，" + disguise(condition.lstrip("，"), "plain", rng, homophones)
            )
            add(
                whole_message(text, form, rng),
                ["review_pressure", *extra],
                form,
                "review",
                undisguised,
            )
    # Ordinary: every template with random fillers, several times; some disguised harmlessly.
    for _ in range(
        22
    ):  # 22 since v10: the set stays half ordinary  # 20 and 17 since v8 and v9: the set stays half ordinary
        for template in templates:
            text = template.format(**{k: rng.choice(v) for k, v in fillers.items()})
            form = rng.choice(["ordinary"] * 6 + ["traditional", "mixed", "emoji", "fullwidth"])
            if form == "emoji":
                text = text + rng.choice(EMOJI)
            elif form == "fullwidth":
                text = "".join(
                    chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text
                )
            add(whole_message(text, form, rng), [], form, "ordinary")
    for text in hard:
        add(text, [], "hard_negative", "hard_negative")
        add(S2T.convert(text), [], "hard_negative", "hard_negative")

    return rows


# ---------------------------------------------------------------------------------------
# Raw messages (held-out v10 on): whole messages written one per line by people who had not
# seen the screener's data, in raw/<part>/*.tsv as kind<TAB>labels<TAB>text. Unlike the
# cores above they carry no [marker] for the harmful words, so the disguises below work on
# any character: pinyin from pypinyin, homophones drawn from the GB2312 level-1 characters
# that share a toneless syllable, preferring content characters over function words.

RAW = HERE / "raw"
RAW_KINDS = {"harmful", "review", "ordinary", "hard_negative"}
# Function words an evader leaves alone: the disguise goes on the words that carry meaning.
FUNCTION_CHARACTERS = set(
    "的了是在不有就都也这那个们吗呢吧啊呀么和与还要会能说给把被让到去来上下一我他她它你"
)
# Ordinary messages appear once more in a harmless variant, so both scripts are covered.
ORDINARY_VARIANTS = ["traditional", "mixed", "emoji", "fullwidth"]


def second_reading_of_threat() -> set[str]:
    """Keys (``dev/file:line``) the second reader marked threat (raw/second_reading/)."""
    path = RAW / "second_reading" / "threat_dev.tsv"
    return {
        key
        for key, verdict in (line.split("\t") for line in path.read_text("utf-8").splitlines())
        if verdict == "T"
    }


def read_raw(part: str) -> list[tuple[str, list[str], str, str]]:
    """(kind, labels, text, source) for every line of raw/<part>/*.tsv, in file order.

    Dev files written before the held-out parts (no ``heldout_`` prefix) had no guideline
    or an earlier reading of it, and drew the threat line narrower than the later writers
    and a second reader did (raw/second_reading/README.md); their labelled lines take
    threat where the second reader gave it too (the union: no writer's label is dropped).
    """
    widened = second_reading_of_threat() if part == "dev" else set()
    messages = []
    for path in sorted((RAW / part).glob("*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            kind, labels, text = line.split("\t")
            assert kind in RAW_KINDS, f"{path.name}:{number}: kind {kind!r}"
            found = [] if labels == "-" else labels.split(",")
            if (
                not path.name.startswith("heldout_")
                and f"{part}/{path.stem}:{number}" in widened
                and "threat" not in found
            ):
                found = sorted([*found, "threat"])
            messages.append((kind, found, text, f"{path.name}:{number}"))
    return messages


def _syllable(char: str) -> str | None:
    reading = lazy_pinyin(char, errors="ignore")
    return reading[0] if reading and reading[0].isalpha() else None


def _common_homophones() -> dict[str, list[str]]:
    # GB2312 level 1 (0xB0A1-0xD7F9): the 3,755 most common characters.
    by_syllable: dict[str, list[str]] = {}
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                char = bytes([high, low]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            syllable = _syllable(char)
            if syllable:
                by_syllable.setdefault(syllable, []).append(char)
    return by_syllable


COMMON_BY_SYLLABLE = _common_homophones()


def _content_positions(text: str) -> list[int]:
    hanzi = hanzi_positions(text)
    content = [i for i in hanzi if text[i] not in FUNCTION_CHARACTERS]
    return content or hanzi


def disguise_message(text: str, form: str, rng: random.Random) -> str | None:
    """A whole raw message as an evader would type it, or None when the form does not apply."""
    if form in ("plain", "traditional", "mixed"):
        return text  # the script forms are applied to the whole message by whole_message()
    if form in ("split_space", "split_dot", "zero_width", "fullwidth", "emoji"):
        return disguise(text, form, rng, {})
    positions = _content_positions(text)
    if not positions:
        return None
    if form == "pinyin":
        # One or two words' worth: a run of up to two neighbouring characters, once or twice.
        chosen = set()
        for start in rng.sample(positions, min(len(positions), rng.choice([1, 1, 2]))):
            chosen.add(start)
            if rng.random() < 0.5 and start + 1 in positions:
                chosen.add(start + 1)
        return "".join((_syllable(c) or c) if i in chosen else c for i, c in enumerate(text))
    if form == "initials":
        for word, initials in INITIALISMS.items():
            if word in text:
                return text.replace(word, initials)
        i = rng.choice(positions)
        syllable = _syllable(text[i])
        return None if syllable is None else text[:i] + syllable[0] + text[i + 1 :]
    if form == "homophone":
        candidates = [
            i for i in positions if len(COMMON_BY_SYLLABLE.get(_syllable(text[i]) or "", [])) > 1
        ]
        if not candidates:
            return None
        out = list(text)
        for i in rng.sample(candidates, min(len(candidates), rng.choice([1, 1, 2]))):
            stand_ins = [c for c in COMMON_BY_SYLLABLE[_syllable(text[i])] if c != text[i]]
            out[i] = rng.choice(stand_ins)
        return "".join(out)
    raise ValueError(form)


def raw_rows(part: str, rng: random.Random) -> list[dict]:
    """Each labelled message plainly and under disguises; each ordinary one in variants too.

    Held-out: one disguised copy per message, the forms dealt round so each gets its share,
    and one variant of each ordinary message. Dev: two disguised copies and three variants,
    so what is learnt from dev has seen every form, and the set stays half ordinary.
    """
    rows = []
    disguised_copies, ordinary_variants = (2, 3) if part == "dev" else (1, 1)
    deck: list[str] = []
    for kind, labels, text, source in read_raw(part):
        source = source.split(":")[0]
        if not labels:
            rows.append(
                _row(text, [], kind if kind == "hard_negative" else "ordinary", kind, source)
            )
            for form in rng.sample(ORDINARY_VARIANTS, ordinary_variants):
                variant = disguise_message(text, form, rng)
                form_name = kind if kind == "hard_negative" else form
                rows.append(_row(whole_message(variant, form, rng), [], form_name, kind, source))
            continue
        rows.append(_row(text, labels, "plain", kind, source, text))
        for _ in range(disguised_copies):
            for _attempt in range(4):
                if not deck:
                    deck = FORMS[1:]
                    deck = rng.sample(deck, len(deck))
                form = deck.pop()
                disguised = disguise_message(text, form, rng)
                if disguised is None:
                    continue
                disguised = whole_message(disguised, form, rng)  # the script forms
                if disguised != text:
                    rows.append(_row(disguised, labels, form, kind, source, text))
                    break
    return rows


def _row(text, labels, form, kind, source, undisguised=None) -> dict:
    return {
        "text": text,
        "labels": sorted(set(labels)),
        "form": form,
        "kind": kind,
        "undisguised": undisguised,
        "source": source,
    }


def build_part(part: str, rng: random.Random) -> list[dict]:
    rows = template_rows(rng) if part == "dev" else []
    rows += raw_rows(part, rng)
    if part == "heldout":
        # A blind writer may happen on a dev message or core word for word (你个龟孙): such a
        # message measures nothing new, so it stays in dev only.
        known = {text for _kind, _labels, text, _source in read_raw("dev")}
        known |= set(DEV_ORDINARY) | set(DEV_HARD_NEGATIVES)
        known |= {core.replace("[", "").replace("]", "") for core, _ in DEV_CORES}
        rows = [row for row in rows if (row["undisguised"] or row["text"]) not in known]
    unique, seen = [], set()
    for row in rows:
        if row["text"] not in seen:
            seen.add(row["text"])
            unique.append(row)
    rng.shuffle(unique)
    for number, row in enumerate(unique, 1):
        row["id"] = f"{part}-{number:04d}"
    fields = ("text", "labels", "form", "kind", "undisguised", "source")
    return [{"id": r["id"], **{k: r[k] for k in fields}} for r in unique]


def main() -> int:
    rng = random.Random(SEED)
    parts = {part: build_part(part, rng) for part in ("dev", "heldout")}
    overlap = {r["text"] for r in parts["dev"]} & {r["text"] for r in parts["heldout"]}
    # The same words written twice (a short 好的 or 在吗) stay in dev only.
    print(f"held-out messages also in dev, left out: {len(overlap)}", file=sys.stderr)
    for part, rows in parts.items():
        rows = [r for r in rows if r["text"] not in overlap or part == "dev"]
        with open(HERE / f"{part}.jsonl", "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        ordinary = sum(1 for r in rows if not r["labels"])
        print(f"{part}: {len(rows)} messages, {ordinary} ordinary", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
