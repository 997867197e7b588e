"""Oscar's category tree for the demo shop.

Each entry: (slug, "ไทย · English", chinese_name, children). The Thai name
goes into Oscar's ``name``, the English and Chinese ones into ``name_en`` and
``name_zh_hans`` (catalog.models.Category); visitors read the one of their
language. Slugs are English so URLs stay readable.
"""

CATEGORY_TREE = [
    (
        "textiles",
        "ผ้าและเครื่องแต่งกาย · Textiles & clothing",
        "纺织品与服装",
        [
            ("silk", "ผ้าไหม · Silk", "丝绸", []),
            ("cotton", "ผ้าฝ้าย · Cotton", "棉布", []),
            ("teenjok", "ผ้าซิ่นตีนจก · Teen jok sarongs", "手挑织筒裙", []),
            ("indigo", "ผ้าย้อมคราม · Natural indigo", "天然靛蓝染", []),
            ("hilltribe", "ผ้าทอชนเผ่า · Hill-tribe textiles", "山地民族织物", []),
        ],
    ),
    (
        "home-decor",
        "ของใช้ของตกแต่ง · Home & decor",
        "家居与装饰",
        [
            ("umbrella", "ร่ม · Umbrellas", "雨伞", []),
            ("woodcarving", "งานไม้แกะสลัก · Wood carving", "木雕", []),
            ("silver", "เครื่องเงิน · Silverware", "银器", []),
            ("lacquer", "เครื่องเขิน · Lacquerware", "漆器", []),
            ("ceramic", "เซรามิก · Ceramics", "陶瓷", []),
            ("basket", "จักสาน · Basketry", "编织品", []),
        ],
    ),
    (
        "food",
        "อาหาร · Food",
        "食品",
        [
            ("namprik", "น้ำพริกและอาหารเหนือ · Chilli dips & northern food", "辣椒酱与泰北美食", []),
            ("fruit", "ผลไม้แปรรูป · Preserved fruit", "果干与果酱", []),
            ("honey", "น้ำผึ้ง · Honey", "蜂蜜", []),
        ],
    ),
    (
        "beverages",
        "เครื่องดื่ม · Beverages",
        "饮品",
        [
            ("coffee", "กาแฟ · Coffee", "咖啡", []),
            ("tea", "ชา · Tea", "茶", []),
        ],
    ),
    ("herbal", "สมุนไพร · Herbal products", "草本产品", []),
]
