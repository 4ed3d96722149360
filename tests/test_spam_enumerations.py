"""An article's own enumeration of one kind of thing stays; stuffing of business names goes."""
from pagewash.transforms.spam import clean_text
from pagewash.transforms.spam.enumerations import is_article_enumeration, shared_head

PARA = "记者从有关部门获悉,今年以来各地持续推进老旧小区改造,惠及居民超过一百万户,群众满意度明显提高。"
# written for this test: sentences about kites, and a list of kites between spaces
KITES = ("每年春天,广场上都能看到各式各样的风筝,老人们最喜欢比较谁的风筝飞得更高。"
         "沙燕风筝 蝴蝶风筝 蜈蚣风筝 老鹰风筝 金鱼风筝 龙头风筝,样样都有,其中蜈蚣风筝最长,要几个人一起放。")


def never(_token):
    return False


def test_the_head_most_items_share_is_found():
    assert shared_head(["沙燕风筝", "蝴蝶风筝", "蜈蚣风筝", "老鹰风筝"]) == "风筝"
    assert shared_head(["荣成维修", "楚雄开锁", "临猗贷款"]) is None
    assert shared_head(["沙燕风筝", "蝴蝶风筝"]) is None  # two items are no list


def test_an_enumeration_needs_its_head_in_the_article_and_no_commercial_head():
    items = ["沙燕风筝", "蝴蝶风筝", "蜈蚣风筝", "老鹰风筝"]
    assert is_article_enumeration(items, "广场上的风筝飞得很高。", known=never, commercial=never)
    assert not is_article_enumeration(items, "今天天气很好。", known=never, commercial=never)
    services = ["荣成搬家", "楚雄搬家", "临猗搬家", "高州搬家"]
    assert not is_article_enumeration(services, "他们今天搬家了。", known=never, commercial=never)
    assert not is_article_enumeration(items, "风筝。", known=lambda t: t == "蝴蝶风筝", commercial=never)


def test_a_list_of_one_kind_of_thing_inside_an_article_stays():
    text = PARA + "\n" + KITES
    assert clean_text(text).text == text


def test_business_names_strung_between_sentences_still_go():
    text = PARA + "\n" + KITES + "\n" + "荣成男科医院 某某彩票网 楚雄开锁 鑫达家电维修"
    assert clean_text(text).text == PARA + "\n" + KITES
