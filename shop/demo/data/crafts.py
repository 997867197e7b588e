"""Per-craft product templates. A product is one item of its craft combined
with one option from each axis (colour, pattern, roast, size...), so a few
lines per craft yield hundreds of distinct, realistic titles in three
languages. Prices are per item, in THB, as (low, high) retail ranges seen at
Chiang Mai OTOP fairs.

Option tuples are (Thai, English, Chinese, colour). The colour (hex or None)
tints the generated product picture.
"""

# --- Shared axes ---------------------------------------------------------------

TEXTILE_COLOURS = [
    ("สีแดงเลือดนก", "crimson", "深红色", "#9b1b30"),
    ("สีเขียวหยก", "jade green", "翠绿色", "#2e8b57"),
    ("สีม่วงดอกตะแบก", "lavender purple", "紫色", "#7b4a9e"),
    ("สีเหลืองทอง", "golden yellow", "金黄色", "#d4a017"),
    ("สีชมพูบานเย็น", "magenta pink", "玫红色", "#c2185b"),
    ("สีน้ำเงินกรมท่า", "navy blue", "藏青色", "#1f3a68"),
    ("สีส้มอิฐ", "brick orange", "砖橙色", "#c1440e"),
    ("สีฟ้าคราม", "sky blue", "天蓝色", "#4a90c2"),
    ("สีเขียวมะกอก", "olive green", "橄榄绿", "#6b6e2b"),
    ("สีครีมงาช้าง", "ivory", "象牙白", "#e8dcc0"),
]

NATURAL_COLOURS = [
    ("สีขาวธรรมชาติ", "natural white", "本白色", "#eee6d3"),
    ("สีน้ำตาลเปลือกไม้", "bark brown", "树皮棕", "#7b5135"),
    ("สีเขียวใบตอง", "banana-leaf green", "蕉叶绿", "#5f8d3a"),
    ("สีเหลืองขมิ้น", "turmeric yellow", "姜黄色", "#d9a21b"),
    ("สีแดงครั่ง", "lac red", "紫胶红", "#a3252f"),
    ("สีเทาขี้เถ้า", "ash grey", "灰色", "#8d8a84"),
]

PACKS = [
    ("บรรจุกระปุก", "in a jar", "罐装", None),
    ("บรรจุถุงซิป", "in a zip pouch", "自封袋装", None),
    ("กล่องของฝาก", "gift box", "伴手礼盒", None),
]

# --- Crafts -------------------------------------------------------------------

CRAFTS: dict[str, dict] = {
    "silk": dict(
        otop_type="textiles",
        category="silk",
        motif="weave",
        items=[
            ("ผ้าพันคอไหมทอมือ", "Handwoven silk scarf", "手织丝绸围巾", 650, 2400),
            ("ผ้าคลุมไหล่ไหม", "Silk shawl", "丝绸披肩", 1200, 3500),
            ("ผ้าไหมทอมือ ยาว 2 เมตร", "Handwoven silk, 2 m length", "手织丝绸布料 2米", 2800, 6500),
            ("ผ้าซิ่นไหม", "Silk sarong", "丝绸筒裙", 3500, 9800),
            ("เนคไทผ้าไหม", "Silk necktie", "丝绸领带", 650, 1200),
            ("กระเป๋าคลัตช์ผ้าไหม", "Silk clutch bag", "丝绸手拿包", 890, 2200),
        ],
        axes=[
            TEXTILE_COLOURS,
            [
                ("ลายน้ำไหล", "flowing-water pattern", "流水纹", None),
                ("ลายมัดหมี่", "mudmee ikat", "扎经染纹", None),
                ("ลายดอกพิกุล", "pikul-flower pattern", "小花纹", None),
                ("ลายยกดอก", "brocade", "提花纹", None),
            ],
        ],
        desc_th="{title} ทอมือจากเส้นไหมแท้โดย{producer} อำเภอ{district} ย้อมสีและทอบนกี่ไม้ตามแบบฉบับผ้าไหมสันกำแพง ทุกชิ้นเป็นงานทำมือ สีและขนาดอาจต่างกันเล็กน้อย ซักแห้งหรือซักมือน้ำเย็น",
        desc_en="{title_en}, hand-woven from pure silk by {producer_en} in {district_en}. Dyed and woven on a wooden loom in the San Kamphaeng tradition; every piece is handmade, so shade and size vary slightly. Dry-clean or hand-wash cold.",
        desc_zh="{title_zh}，由{district_zh}的{producer_en}以纯蚕丝在木织机上手工织造，传承汕甘烹丝绸工艺。每件均为手工制作，颜色与尺寸略有差异。建议干洗或冷水手洗。",
    ),
    "cotton": dict(
        otop_type="textiles",
        category="cotton",
        motif="weave",
        items=[
            ("เสื้อผ้าฝ้ายคอจีน", "Cotton mandarin-collar shirt", "棉质立领衬衫", 450, 890),
            ("ผ้าซิ่นฝ้ายทอมือ", "Handwoven cotton sarong", "手织棉筒裙", 690, 1800),
            ("ผ้าขาวม้าฝ้าย", "Cotton pha khao ma", "泰式棉格子布", 180, 390),
            ("ผ้าพันคอฝ้าย", "Cotton scarf", "棉质围巾", 250, 590),
            ("ย่ามผ้าฝ้าย", "Cotton yaam shoulder bag", "棉质挎包", 220, 490),
            ("ผ้าปูโต๊ะฝ้ายทอมือ", "Handwoven cotton table runner", "手织棉桌旗", 350, 890),
        ],
        axes=[
            NATURAL_COLOURS,
            [
                ("ลายตาราง", "check", "格纹", None),
                ("ลายริ้ว", "stripe", "条纹", None),
                ("ลายขิด", "khit weave", "挑花纹", None),
            ],
        ],
        desc_th="{title} ทอมือจากฝ้ายเนื้อนุ่มโดย{producer} อำเภอ{district} ระบายอากาศดี ใส่สบายในอากาศร้อน ยิ่งซักยิ่งนุ่ม",
        desc_en="{title_en}, hand-woven in soft cotton by {producer_en} of {district_en}. Breathable in the heat and softer with every wash.",
        desc_zh="{title_zh}，由{district_zh}的{producer_en}以柔软棉线手工织成，透气舒适，越洗越柔软。",
    ),
    "teenjok": dict(
        otop_type="textiles",
        category="teenjok",
        motif="jok",
        items=[
            (
                "ผ้าซิ่นตีนจกไหมคำแม่แจ่ม",
                "Mae Chaem teen jok sarong in silk and gold thread",
                "湄占金线手挑织筒裙",
                12000,
                25000,
            ),
            ("ผ้าซิ่นตีนจกฝ้าย", "Cotton teen jok sarong", "棉质手挑织筒裙", 4500, 9500),
            ("ตีนจกสำเร็จสำหรับต่อซิ่น", "Teen jok hem panel", "手挑织裙边", 2500, 6500),
            ("ผ้าพันคอลายจก", "Jok-pattern scarf", "挑织纹围巾", 890, 2500),
            ("กระเป๋าลายจก", "Jok-pattern handbag", "挑织纹手提包", 690, 1800),
        ],
        axes=[
            [
                ("ลายโก๋งเคียะ", "kong kia pattern", "贡基亚纹", None),
                ("ลายขันหลวง", "khan luang pattern", "大银碗纹", None),
                ("ลายนกคู่", "twin-bird pattern", "双鸟纹", None),
                ("ลายหงส์", "hamsa pattern", "神鸟纹", None),
                ("ลายนาค", "naga pattern", "那迦纹", None),
                ("ลายละกอน", "lakon pattern", "拉恭纹", None),
            ],
            [
                ("พื้นแดง", "red ground", "红底", "#8e1b1b"),
                ("พื้นดำ", "black ground", "黑底", "#1c1c1c"),
                ("พื้นเขียว", "green ground", "绿底", "#1f5a3c"),
            ],
        ],
        desc_th="{title} ผ้าตีนจกแม่แจ่มจาก{producer} จกลายด้วยมือทีละเส้นบนกี่พื้นเมือง ลวดลายโบราณที่สืบทอดกันในครอบครัวช่างทออำเภอ{district} หนึ่งผืนใช้เวลาทอหลายสัปดาห์ถึงหลายเดือน",
        desc_en="{title_en} by {producer_en}. Each supplementary thread is picked by hand on a village loom, in an old pattern handed down among {district_en}'s weaving families; one piece takes weeks to months.",
        desc_zh="{title_zh}，出自{district_zh}的{producer_en}。在传统织机上逐根手工挑织，图案世代相传，一件作品需数周至数月完成。",
    ),
    "indigo": dict(
        otop_type="textiles",
        category="indigo",
        motif="indigo",
        items=[
            ("เสื้อม่อฮ่อมย้อมคราม", "Indigo-dyed mor hom shirt", "靛蓝染传统上衣", 590, 1290),
            ("ผ้าพันคอย้อมคราม", "Indigo-dyed scarf", "靛蓝染围巾", 390, 1200),
            ("ผ้าคลุมไหล่ย้อมคราม", "Indigo-dyed shawl", "靛蓝染披肩", 690, 1600),
            ("กางเกงเลย้อมคราม", "Indigo fisherman trousers", "靛蓝渔夫裤", 450, 890),
            ("ผ้าปูโต๊ะย้อมคราม", "Indigo table runner", "靛蓝桌旗", 390, 890),
        ],
        axes=[
            [
                ("ครามเข้ม", "deep indigo", "深靛蓝", "#1b2a4a"),
                ("ครามกลาง", "mid indigo", "中靛蓝", "#2f4f7f"),
                ("ครามอ่อน", "pale indigo", "浅靛蓝", "#6f93bb"),
            ],
            [
                ("ลายมัดย้อม", "tie-dye", "扎染", None),
                ("ลายพับย้อม", "fold-dye", "折染", None),
                ("ลายเขียนเทียน", "wax resist", "蜡染", None),
                ("สีพื้น", "plain", "素色", None),
            ],
        ],
        desc_th="{title} ย้อมด้วยครามธรรมชาติจากต้นครามที่{producer}ปลูกเองในอำเภอ{district} หมักน้ำครามแบบดั้งเดิม ไม่ใช้สีเคมี สีอาจตกเล็กน้อยในการซักครั้งแรก",
        desc_en="{title_en}, dyed with natural indigo from plants {producer_en} grow in {district_en}, fermented in traditional vats with no synthetic dye. May bleed a little at first wash.",
        desc_zh="{title_zh}，使用{producer_en}在{district_zh}自种的蓝草天然发酵染色，不含化学染料。首次洗涤可能轻微掉色。",
    ),
    "hilltribe": dict(
        otop_type="textiles",
        category="hilltribe",
        motif="weave",
        items=[
            ("เสื้อปกาเกอะญอทอมือ", "Handwoven Pgaz K'nyau blouse", "克伦族手织上衣", 690, 1800),
            ("ย่ามกะเหรี่ยง", "Karen shoulder bag", "克伦族挎包", 290, 690),
            ("ผ้าซิ่นกะเหรี่ยง", "Karen tube skirt", "克伦族筒裙", 890, 2500),
            ("ผ้าพันคอทอกี่เอว", "Backstrap-loom scarf", "腰机织围巾", 390, 990),
        ],
        axes=[
            [
                ("สีแดงกะเหรี่ยง", "Karen red", "克伦红", "#a4161a"),
                ("สีขาว", "white", "白色", "#efece4"),
                ("สีน้ำเงินเข้ม", "dark blue", "深蓝色", "#1d2d50"),
                ("สีเขียวป่า", "forest green", "森林绿", "#355e3b"),
            ],
            [
                ("ปักลูกเดือย", "Job's-tears seed embroidery", "薏苡籽绣", None),
                ("ลายดอกไม้ป่า", "wild-flower pattern", "野花纹", None),
                ("ลายเรขาคณิต", "geometric pattern", "几何纹", None),
            ],
        ],
        desc_th="{title} ทอด้วยกี่เอวโดยช่างทอ{producer} อำเภอ{district} ลวดลายและสีบอกเล่าวิถีชีวิตของชุมชนบนดอย รายได้กลับสู่ช่างทอโดยตรง",
        desc_en="{title_en}, woven on a backstrap loom by {producer_en} in {district_en}. Patterns and colours tell of hill-community life; the income goes straight to the weavers.",
        desc_zh="{title_zh}，由{district_zh}的{producer_en}以腰机手工织造，图案与色彩讲述山地社区的生活，收入直接归织工所有。",
    ),
    "umbrella": dict(
        otop_type="household",
        category="umbrella",
        motif="umbrella",
        items=[
            ("ร่มกระดาษสาเขียนลาย ขนาด 10 นิ้ว", "Hand-painted saa paper umbrella, 10 in", "手绘桑皮纸伞 10寸", 250, 390),
            ("ร่มกระดาษสาเขียนลาย ขนาด 20 นิ้ว", "Hand-painted saa paper umbrella, 20 in", "手绘桑皮纸伞 20寸", 450, 690),
            ("ร่มผ้าฝ้ายเขียนลาย ขนาด 30 นิ้ว", "Hand-painted cotton umbrella, 30 in", "手绘棉布伞 30寸", 650, 1200),
            ("ร่มตกแต่งสวน ขนาด 40 นิ้ว", "Garden parasol, 40 in", "庭院装饰大伞 40寸", 1200, 1800),
            ("ร่มผ้าแพรกันแดด", "Silk-rayon sun umbrella", "丝绸遮阳伞", 590, 990),
        ],
        axes=[
            [
                ("สีแดง", "red", "红色", "#c62828"),
                ("สีเหลือง", "yellow", "黄色", "#f2b705"),
                ("สีฟ้า", "blue", "蓝色", "#3d7cc9"),
                ("สีชมพู", "pink", "粉色", "#e57399"),
                ("สีส้ม", "orange", "橙色", "#e8731b"),
                ("สีเขียว", "green", "绿色", "#3f8f4f"),
                ("สีขาว", "white", "白色", "#f1ede4"),
            ],
            [
                ("ลายดอกไม้", "flowers", "花卉图案", None),
                ("ลายนกยูง", "peacock", "孔雀图案", None),
                ("ลายช้าง", "elephants", "大象图案", None),
                ("ลายดอกบัว", "lotus", "莲花图案", None),
            ],
        ],
        desc_th="{title} ร่มบ่อสร้างแท้จาก{producer} อำเภอ{district} โครงไม้ไผ่เหลามือ ขึงด้วยกระดาษสาหรือผ้า เขียนลายด้วยพู่กันทีละคัน เหมาะเป็นของฝากและของตกแต่ง",
        desc_en="{title_en}: a genuine Bo Sang umbrella by {producer_en}, {district_en}. Hand-split bamboo ribs, saa paper or cotton canopy, each one brush-painted by hand. A classic Chiang Mai gift and decoration.",
        desc_zh="{title_zh}，正宗博桑伞，出自{district_zh}的{producer_en}。手削竹骨，桑皮纸或棉布伞面，每把均由画师手工彩绘，是清迈经典伴手礼与装饰品。",
    ),
    "woodcarving": dict(
        otop_type="household",
        category="woodcarving",
        motif="wood",
        items=[
            ("ช้างแกะสลัก สูง 20 ซม.", "Carved elephant, 20 cm", "木雕大象 20厘米", 590, 1500),
            ("ช้างแกะสลัก สูง 40 ซม.", "Carved elephant, 40 cm", "木雕大象 40厘米", 1800, 4500),
            ("พานไม้แกะสลัก", "Carved offering tray", "木雕供盘", 450, 1200),
            ("กรอบกระจกแกะสลักลายดอก", "Carved floral mirror frame", "木雕花纹镜框", 1500, 4800),
            ("ชามไม้กลึง", "Turned wooden bowl", "手工木碗", 250, 690),
            ("โคมไฟไม้แกะสลัก", "Carved wooden lamp", "木雕台灯", 1200, 3500),
        ],
        axes=[
            [
                ("ไม้สักสีธรรมชาติ", "natural teak", "天然柚木", "#a0703a"),
                ("ไม้จามจุรี", "rain-tree wood", "雨豆木", "#8b5a2b"),
                ("ไม้มะม่วง", "mango wood", "芒果木", "#b58a52"),
                ("ลงรักปิดทอง", "black lacquer and gold leaf", "黑漆贴金", "#2a2118"),
                ("ทำสีวินเทจ", "antique finish", "仿古色", "#6b4f3a"),
            ],
        ],
        desc_th="{title} งานแกะสลักมือจากบ้านถวาย โดย{producer} อำเภอ{district} ใช้ไม้ปลูกที่ถูกกฎหมาย ขัดและลงน้ำมันด้วยมือ",
        desc_en="{title_en}, hand-carved in Ban Tawai by {producer_en}, {district_en}. Legal plantation timber, sanded and oiled by hand.",
        desc_zh="{title_zh}，由{district_zh}班达外的{producer_en}手工雕刻，选用合法人工林木材，手工打磨上油。",
    ),
    "silver": dict(
        otop_type="household",
        category="silver",
        motif="silver",
        items=[
            ("สลุงเงินดุนลาย", "Repoussé silver bowl", "银錾花钵", 2500, 12000),
            ("ต่างหูเงินแท้", "Sterling silver earrings", "纯银耳环", 390, 1200),
            ("กำไลเงินดุนลาย", "Repoussé silver bangle", "银錾花手镯", 1200, 4500),
            ("จี้เงินแท้", "Sterling silver pendant", "纯银吊坠", 450, 1500),
            ("ตลับเงินดุนลาย", "Repoussé silver lidded box", "银錾花盒", 1500, 5500),
            ("ช้อนเงิน", "Silver spoon", "银勺", 590, 1200),
        ],
        axes=[
            [
                ("ลายดอกพุดตาน", "phut tan flower", "木芙蓉纹", None),
                ("ลายสิบสองนักษัตร", "twelve zodiac animals", "十二生肖纹", None),
                ("ลายช้าง", "elephant", "大象纹", None),
                ("ลายกนก", "kanok flame", "火焰卷草纹", None),
                ("ลายรามเกียรติ์", "Ramakien", "罗摩颂纹", None),
            ],
        ],
        desc_th="{title} เครื่องเงินวัวลายโดย{producer} อำเภอ{district} ตีขึ้นรูปและดุนลายด้วยมือ เงินบริสุทธิ์ 92.5% ขึ้นไป",
        desc_en="{title_en}, Wua Lai silverwork by {producer_en}, {district_en}. Raised and chased by hand in 92.5% silver or finer.",
        desc_zh="{title_zh}，出自{district_zh}乌莱银器街的{producer_en}，纯度92.5%以上，手工锤揲錾花。",
    ),
    "lacquer": dict(
        otop_type="household",
        category="lacquer",
        motif="lacquer",
        items=[
            ("ขันดอกเครื่องเขิน", "Lacquered offering bowl", "漆器供钵", 890, 2800),
            ("กล่องเครื่องเขิน", "Lacquer box", "漆盒", 450, 1500),
            ("ถาดเครื่องเขิน", "Lacquer tray", "漆托盘", 590, 1800),
            ("แจกันเครื่องเขิน", "Lacquer vase", "漆花瓶", 990, 2500),
        ],
        axes=[
            [
                ("สีดำแดง", "black and red", "红黑色", "#7a1010"),
                ("สีดำทอง", "black and gold", "黑金色", "#1a1a1a"),
                ("สีแดงชาด", "vermilion", "朱红色", "#b0281a"),
            ],
            [
                ("ลายขูด", "incised design", "刻纹", None),
                ("ลายรดน้ำ", "gilt design", "描金纹", None),
            ],
        ],
        desc_th="{title} เครื่องเขินล้านนาจาก{producer} อำเภอ{district} สานโครงไม้ไผ่ ลงรักหลายชั้น และตกแต่งลวดลายด้วยมือ",
        desc_en="{title_en}, Lanna lacquerware by {producer_en}, {district_en}: a woven bamboo body, many coats of lacquer, decorated by hand.",
        desc_zh="{title_zh}，兰纳漆器，出自{district_zh}的{producer_en}。竹编胎体，多层髹漆，手工装饰。",
    ),
    "ceramic": dict(
        otop_type="household",
        category="ceramic",
        motif="ceramic",
        items=[
            ("แจกันเซลาดอน", "Celadon vase", "青瓷花瓶", 590, 2500),
            ("ชุดน้ำชาเซลาดอน", "Celadon tea set", "青瓷茶具", 1200, 3800),
            ("ชามเซลาดอน", "Celadon bowl", "青瓷碗", 250, 690),
            ("จานเซลาดอน", "Celadon plate", "青瓷盘", 290, 890),
            ("แก้วมัคเซลาดอน", "Celadon mug", "青瓷马克杯", 220, 450),
            ("เตาอโรมาเซลาดอน", "Celadon aroma burner", "青瓷香薰炉", 350, 790),
        ],
        axes=[
            [
                ("เคลือบเขียวหยก", "jade glaze", "翠青釉", "#8fbc8f"),
                ("เคลือบฟ้าไข่นกการเวก", "duck-egg blue glaze", "粉青釉", "#9fc5c8"),
                ("เคลือบน้ำตาลอำพัน", "amber glaze", "琥珀釉", "#b07a3b"),
            ],
            [
                ("ผิวเรียบ", "smooth", "光面", None),
                ("ลายแตกลาน", "crackle", "开片", None),
                ("ลายช้างนูน", "raised elephants", "浮雕大象", None),
            ],
        ],
        desc_th="{title} เครื่องเคลือบเซลาดอนจาก{producer} อำเภอ{district} เคลือบขี้เถ้าไม้ เผาที่อุณหภูมิสูงกว่า 1,250 องศา ปลอดสารตะกั่ว ใช้กับอาหารได้",
        desc_en="{title_en} by {producer_en}, {district_en}. Wood-ash glaze fired above 1,250 °C; lead-free and food-safe.",
        desc_zh="{title_zh}，出自{district_zh}的{producer_en}。草木灰釉，1250度以上高温烧制，无铅，可盛装食物。",
    ),
    "basket": dict(
        otop_type="household",
        category="basket",
        motif="basket",
        items=[
            ("ตะกร้าไม้ไผ่สาน", "Woven bamboo basket", "竹编篮", 150, 490),
            ("กระติบข้าวเหนียว", "Sticky-rice basket", "糯米饭竹盒", 90, 250),
            ("กระเป๋าหวายสาน", "Woven rattan handbag", "藤编手提包", 590, 1800),
            ("ถาดสานไม้ไผ่", "Woven bamboo tray", "竹编托盘", 180, 450),
            ("โคมไฟไม้ไผ่สาน", "Woven bamboo lampshade", "竹编灯罩", 450, 1200),
            ("กล่องทิชชูจักสาน", "Woven tissue box", "编织纸巾盒", 190, 390),
        ],
        axes=[
            [
                ("สีธรรมชาติ", "natural", "原色", "#c8a165"),
                ("รมควัน", "smoked", "烟熏色", "#7a5230"),
                ("ย้อมดำ", "black", "黑色", "#2b2b2b"),
            ],
            [
                ("ขนาดเล็ก", "small", "小号", None),
                ("ขนาดกลาง", "medium", "中号", None),
                ("ขนาดใหญ่", "large", "大号", None),
            ],
        ],
        desc_th="{title} จักสานด้วยมือโดย{producer} อำเภอ{district} จากไม้ไผ่และหวายในท้องถิ่น แข็งแรง ใช้งานได้นาน",
        desc_en="{title_en}, hand-woven by {producer_en} in {district_en} from local bamboo and rattan. Sturdy and long-lasting.",
        desc_zh="{title_zh}，由{district_zh}的{producer_en}以当地竹藤手工编织，结实耐用。",
    ),
    "namprik": dict(
        otop_type="food",
        category="namprik",
        motif="jar",
        items=[
            ("น้ำพริกหนุ่ม 200 กรัม", "Nam prik num (roasted green chilli dip), 200 g", "泰北青辣椒酱 200克", 60, 120),
            ("น้ำพริกหนุ่ม 500 กรัม", "Nam prik num (roasted green chilli dip), 500 g", "泰北青辣椒酱 500克", 140, 250),
            ("น้ำพริกอ่อง 200 กรัม", "Nam prik ong (pork and tomato dip), 200 g", "番茄肉末辣酱 200克", 80, 150),
            ("แคบหมู 150 กรัม", "Khaep mu (crispy pork rind), 150 g", "泰北炸猪皮 150克", 60, 150),
            ("น้ำพริกข่า 150 กรัม", "Galangal chilli paste, 150 g", "南姜辣椒酱 150克", 70, 120),
        ],
        axes=[
            [
                ("เผ็ดน้อย", "mild", "微辣", "#8bbf4a"),
                ("เผ็ดกลาง", "medium hot", "中辣", "#d08a1d"),
                ("เผ็ดมาก", "extra hot", "特辣", "#c0392b"),
            ],
            PACKS,
        ],
        desc_th="{title} ของดีเชียงใหม่จาก{producer} อำเภอ{district} ใช้วัตถุดิบสดจากตลาดท้องถิ่น ไม่ใส่วัตถุกันเสีย เก็บในตู้เย็นหลังเปิด รับประทานคู่ผักลวกและข้าวเหนียว",
        desc_en="{title_en} by {producer_en}, {district_en}: made with fresh local ingredients and no preservatives. Refrigerate after opening; eat with steamed vegetables and sticky rice.",
        desc_zh="{title_zh}，清迈特产，出自{district_zh}的{producer_en}。采用新鲜本地食材，不含防腐剂，开封后请冷藏，可搭配蔬菜与糯米饭食用。",
    ),
    "saiua": dict(
        otop_type="food",
        category="namprik",
        motif="sausage",
        items=[
            ("ไส้อั่วสมุนไพร 500 กรัม", "Sai ua herbal sausage, 500 g", "泰北香草香肠 500克", 150, 220),
            ("ไส้อั่วสมุนไพร 1 กิโลกรัม", "Sai ua herbal sausage, 1 kg", "泰北香草香肠 1公斤", 280, 420),
            ("แหนมหมู 10 ห่อ", "Naem (fermented pork), 10 parcels", "泰式酸肉 10包", 60, 120),
        ],
        axes=[
            [
                ("สูตรดั้งเดิม", "classic recipe", "经典口味", "#a0522d"),
                ("สูตรเผ็ด", "spicy recipe", "香辣口味", "#b22222"),
                ("สูตรไก่", "chicken recipe", "鸡肉口味", "#c68642"),
            ],
            [
                ("แพ็กสุญญากาศ", "vacuum-packed", "真空包装", None),
                ("แช่แข็ง", "frozen", "冷冻", None),
            ],
        ],
        desc_th="{title} จาก{producer} อำเภอ{district} เครื่องแกงตำเองกับตะไคร้ ข่า ขมิ้น และใบมะกรูด ย่างเตาถ่านก่อนบรรจุ ส่งแบบแช่เย็น",
        desc_en="{title_en} by {producer_en}, {district_en}: curry paste pounded in-house with lemongrass, galangal, turmeric and kaffir lime, grilled over charcoal before packing. Shipped chilled.",
        desc_zh="{title_zh}，出自{district_zh}的{producer_en}。自制香茅、南姜、姜黄与青柠叶咖喱酱，炭火烤制后包装，冷藏配送。",
    ),
    "longan": dict(
        otop_type="food",
        category="fruit",
        motif="fruit",
        items=[
            ("ลำไยอบแห้งสีทอง 250 กรัม", "Golden dried longan, 250 g", "金黄龙眼肉干 250克", 120, 220),
            ("ลำไยอบแห้งทั้งเปลือก 500 กรัม", "Dried longan in the shell, 500 g", "带壳龙眼干 500克", 120, 200),
            ("ลำไยอบน้ำผึ้ง 200 กรัม", "Honey-dried longan, 200 g", "蜂蜜龙眼干 200克", 150, 250),
        ],
        axes=[
            [
                ("เกรด AA", "grade AA", "AA级", "#c98b2b"),
                ("เกรดพรีเมียม", "premium grade", "特级", "#b5651d"),
            ],
            PACKS[1:],
        ],
        desc_th="{title} จากสวนลำไยของ{producer} อำเภอ{district} ลำไยพันธุ์อีดออบด้วยลมร้อน หวานธรรมชาติ ไม่เติมน้ำตาล",
        desc_en="{title_en} from {producer_en}'s orchards in {district_en}: E-daw longans dried in hot air, naturally sweet with no added sugar.",
        desc_zh="{title_zh}，来自{district_zh}{producer_en}的果园。选用依多龙眼热风烘干，天然香甜，不添加糖。",
    ),
    "strawberry": dict(
        otop_type="food",
        category="fruit",
        motif="fruit",
        items=[
            ("แยมสตรอว์เบอร์รี 250 กรัม", "Strawberry jam, 250 g", "草莓果酱 250克", 90, 160),
            ("สตรอว์เบอร์รีอบแห้ง 200 กรัม", "Dried strawberries, 200 g", "草莓干 200克", 120, 220),
            ("สตรอว์เบอร์รีกวน 200 กรัม", "Strawberry fruit paste, 200 g", "草莓软糖 200克", 80, 150),
        ],
        axes=[
            [
                ("สูตรหวานน้อย", "less sugar", "少糖", "#d7263d"),
                ("สูตรดั้งเดิม", "original", "原味", "#b3132b"),
            ],
            PACKS,
        ],
        desc_th="{title} จากสตรอว์เบอร์รีพันธุ์พระราชทาน 80 ของ{producer} อำเภอ{district} เก็บสดจากแปลงบนดอยแล้วแปรรูปภายในวันเดียว",
        desc_en="{title_en}, made from {producer_en}'s Royal No. 80 strawberries in {district_en}, picked on the hills and processed the same day.",
        desc_zh="{title_zh}，选用{district_zh}{producer_en}种植的皇家80号草莓，当天采摘当天加工。",
    ),
    "honey": dict(
        otop_type="food",
        category="honey",
        motif="honey",
        items=[
            ("น้ำผึ้งดอกลำไย 500 กรัม", "Longan-blossom honey, 500 g", "龙眼花蜜 500克", 180, 320),
            ("น้ำผึ้งดอกลำไย 1 กิโลกรัม", "Longan-blossom honey, 1 kg", "龙眼花蜜 1公斤", 320, 550),
            ("น้ำผึ้งป่า 500 กรัม", "Wild forest honey, 500 g", "野生森林蜂蜜 500克", 250, 650),
            ("รวงผึ้ง 300 กรัม", "Honeycomb, 300 g", "蜂巢蜜 300克", 290, 590),
        ],
        axes=[
            [
                ("เก็บต้นฤดู", "early harvest", "早季采收", "#e0a526"),
                ("เก็บปลายฤดู", "late harvest", "晚季采收", "#b8741a"),
            ],
            [
                ("ขวดแก้ว", "glass jar", "玻璃瓶", None),
                ("ขวดบีบ", "squeeze bottle", "挤压瓶", None),
            ],
        ],
        desc_th="{title} จาก{producer} อำเภอ{district} น้ำผึ้งแท้ 100% ไม่ผสมน้ำเชื่อม ผ่านการกรองอย่างเดียว อาจตกผลึกเมื่ออากาศเย็นซึ่งเป็นเรื่องธรรมชาติ",
        desc_en="{title_en} by {producer_en}, {district_en}: 100% pure honey, filtered only, never blended with syrup. It may crystallise in cool weather, which is natural.",
        desc_zh="{title_zh}，出自{district_zh}的{producer_en}。百分百纯正蜂蜜，仅过滤，不掺糖浆。天冷时可能结晶，属自然现象。",
    ),
    "coffee": dict(
        otop_type="beverages",
        category="coffee",
        motif="coffee",
        items=[
            ("เมล็ดกาแฟอาราบิก้าคั่ว 250 กรัม", "Arabica coffee beans, 250 g", "阿拉比卡咖啡豆 250克", 180, 380),
            ("เมล็ดกาแฟอาราบิก้าคั่ว 500 กรัม", "Arabica coffee beans, 500 g", "阿拉比卡咖啡豆 500克", 320, 450),
            ("กาแฟอาราบิก้าคั่วบด 250 กรัม", "Ground Arabica coffee, 250 g", "阿拉比卡咖啡粉 250克", 180, 350),
            ("กาแฟดริปแบบซอง 10 ซอง", "Drip-bag coffee, 10 bags", "挂耳咖啡 10包", 180, 290),
            ("กาแฟพีเบอร์รี 200 กรัม", "Peaberry coffee, 200 g", "圆豆咖啡 200克", 250, 450),
        ],
        axes=[
            [
                ("คั่วอ่อน", "light roast", "浅烘焙", "#8b5a2b"),
                ("คั่วกลาง", "medium roast", "中烘焙", "#5c3a1e"),
                ("คั่วเข้ม", "dark roast", "深烘焙", "#2e1c10"),
            ],
            [
                ("โพรเซสแบบเปียก", "washed process", "水洗处理", None),
                ("ฮันนี่โพรเซส", "honey process", "蜜处理", None),
                ("เนเชอรัลโพรเซส", "natural process", "日晒处理", None),
            ],
        ],
        desc_th="{title} กาแฟดอยจาก{producer} อำเภอ{district} ปลูกใต้ร่มไม้บนพื้นที่สูง เก็บเฉพาะผลสุกด้วยมือ คั่วเป็นล็อตเล็กสัปดาห์ละครั้งเพื่อความสดใหม่",
        desc_en="{title_en}: highland coffee from {producer_en}, {district_en}. Shade-grown at altitude, hand-picked ripe and roasted in small weekly batches for freshness.",
        desc_zh="{title_zh}，来自{district_zh}{producer_en}的高山咖啡。林荫下种植，人工采摘成熟果实，每周小批量烘焙，保证新鲜。",
    ),
    "tea": dict(
        otop_type="beverages",
        category="tea",
        motif="tea",
        items=[
            ("ชาอู่หลง 100 กรัม", "Oolong tea, 100 g", "乌龙茶 100克", 180, 450),
            ("ชาเขียว 100 กรัม", "Green tea, 100 g", "绿茶 100克", 150, 350),
            ("ชาอัสสัมป่า 100 กรัม", "Wild Assam tea, 100 g", "野生阿萨姆茶 100克", 180, 390),
            ("เมี่ยง ชาหมัก 200 กรัม", "Miang fermented tea leaves, 200 g", "腌茶 200克", 80, 150),
            ("ชาแบบซอง 20 ซอง", "Tea bags, 20 bags", "袋泡茶 20包", 120, 220),
        ],
        axes=[
            [
                ("ยอดอ่อน", "first flush", "头采", "#6b8e23"),
                ("ใบคัดพิเศษ", "selected leaf", "精选叶", "#4f7942"),
            ],
            [
                ("ถุงฟอยล์", "foil bag", "铝箔袋", None),
                ("กระป๋อง", "tin", "罐装", None),
                ("กล่องของขวัญ", "gift box", "礼盒", None),
            ],
        ],
        desc_th="{title} จาก{producer} อำเภอ{district} ชาจากต้นชาบนดอยสูง เก็บยอดด้วยมือ ผึ่งและคั่วในกระทะตามวิธีดั้งเดิม",
        desc_en="{title_en} from {producer_en}, {district_en}: highland tea, hand-plucked, withered and pan-fired the traditional way.",
        desc_zh="{title_zh}，来自{district_zh}的{producer_en}。高山茶园手工采摘，按传统工艺萎凋、炒制。",
    ),
    "herbal": dict(
        otop_type="herbal",
        category="herbal",
        motif="herbal",
        items=[
            ("ยาหม่องสมุนไพร 15 กรัม", "Herbal balm, 15 g", "草本香膏 15克", 45, 120),
            ("ลูกประคบสมุนไพร", "Herbal compress ball", "草药热敷球", 120, 250),
            ("สบู่สมุนไพร", "Herbal soap", "草本香皂", 60, 150),
            ("น้ำมันนวดสมุนไพร 100 มล.", "Herbal massage oil, 100 ml", "草本按摩油 100毫升", 150, 350),
            ("ยาดมสมุนไพร", "Herbal inhaler", "草本鼻吸棒", 35, 90),
            ("เกลือสปาขัดผิว 250 กรัม", "Spa salt scrub, 250 g", "草本磨砂盐 250克", 150, 290),
        ],
        axes=[
            [
                ("กลิ่นตะไคร้", "lemongrass", "香茅", "#9acd32"),
                ("กลิ่นไพล", "plai", "泰国姜", "#e1ad21"),
                ("กลิ่นการบูร", "camphor", "樟脑", "#a8c5b8"),
                ("กลิ่นมะกรูด", "kaffir lime", "泰国青柠", "#4c9a2a"),
                ("กลิ่นขมิ้น", "turmeric", "姜黄", "#e3a008"),
            ],
        ],
        desc_th="{title} ผลิตภัณฑ์สมุนไพรไทยจาก{producer} อำเภอ{district} ใช้สมุนไพรจากแปลงปลูกของชุมชน สำหรับใช้ภายนอกเท่านั้น",
        desc_en="{title_en}, Thai herbal product by {producer_en}, {district_en}, made from herbs grown in community plots. For external use only.",
        desc_zh="{title_zh}，泰国草本产品，出自{district_zh}的{producer_en}，选用社区种植的草药制成。仅供外用。",
    ),
}
