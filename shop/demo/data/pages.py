"""Wagtail content for the demo, in Thai (the source locale) with English and
Chinese translations: the home page, the story index and six stories (with
their authors and tags), two community workshops, the San Kamphaeng center,
the Thai-fabric campaign and an about page. The 25 district pages are in
districts.py.

Bodies use the blocks of cms.blocks.BodyBlock in their raw JSON form
({"type": ..., "value": ...}); paragraphs are rich-text HTML. The loader
(shop/demo/pages.py) adds the product, picture and maker blocks, which need
database ids.
"""

import datetime


def _p(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _h(text: str) -> dict:
    return {"type": "heading", "value": text}


def _q(text: str, who: str) -> dict:
    return {"type": "quote", "value": {"text": text, "attribution": who}}


HOME = {
    "th": dict(
        title="OTOP เชียงใหม่",
        hero_title="ของดีชุมชนเชียงใหม่ จากมือผู้ผลิตถึงมือคุณ",
        hero_text="ผ้าไหมสันกำแพง ร่มบ่อสร้าง ไม้แกะสลักบ้านถวาย กาแฟดอย และอีกกว่า 300 รายการจาก 25 อำเภอ "
        "สั่งออนไลน์หรือรับที่ศูนย์จำหน่ายสินค้า OTOP สันกำแพง",
        body=[
            _h("ซื้อตรงจากชุมชน"),
            _p(
                "ทุกชิ้นมาจากผู้ผลิต OTOP ที่ผ่านการตรวจสอบของสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ "
                "รายได้กลับสู่ช่างทอ ช่างแกะสลัก และเกษตรกรโดยตรง"
            ),
            _h("รับสินค้าที่ศูนย์สันกำแพง"),
            _p("เลือกชำระเงินออนไลน์แล้วมารับสินค้าที่ศูนย์ได้ทุกวัน 09:00–18:00 น."),
        ],
    ),
    "en": dict(
        title="OTOP Chiang Mai",
        hero_title="Chiang Mai's community crafts, from the maker's hands to yours",
        hero_text="San Kamphaeng silk, Bo Sang umbrellas, Ban Tawai carving, highland coffee and 300 more "
        "products from all 25 districts. Order online or pick up at the San Kamphaeng OTOP center.",
        body=[
            _h("Buy straight from the community"),
            _p(
                "Every item comes from an OTOP producer verified by Chiang Mai's Community Development Office; "
                "the money goes straight to the weavers, carvers and farmers."
            ),
            _h("Pick up at San Kamphaeng"),
            _p("Pay online and collect at the center any day, 09:00–18:00."),
        ],
    ),
    "zh-hans": dict(
        title="清迈 OTOP",
        hero_title="清迈社区好物，从匠人手中直达您手中",
        hero_text="汕甘烹丝绸、博桑伞、班达外木雕、高山咖啡等来自25个县的300多种产品。"
        "在线下单，或到汕甘烹 OTOP 中心自取。",
        body=[
            _h("直接向社区购买"),
            _p("所有商品均来自经清迈府社区发展办公室认证的 OTOP 生产者，收入直接归织工、木雕匠人和农户所有。"),
            _h("汕甘烹中心自取"),
            _p("在线付款后，每天 09:00–18:00 可到中心取货。"),
        ],
    ),
}

STORY_INDEX = {
    "th": dict(title="เรื่องเล่าจากชุมชน", intro="เรื่องราวของผู้ผลิตและครอบครัวที่อยู่เบื้องหลังสินค้า OTOP เชียงใหม่"),
    "en": dict(title="Stories", intro="The makers and families behind Chiang Mai's OTOP products."),
    "zh-hans": dict(title="社区故事", intro="清迈 OTOP 产品背后的匠人与家庭。"),
}

STORIES = [
    dict(
        slug="san-kamphaeng-silk",
        producer="san-kamphaeng-silk-weavers",
        district="5013",
        date=datetime.date(2025, 1, 15),
        motif="weave",
        colour="#9b1b30",
        th=dict(
            title="ไหมสันกำแพง สามรุ่นบนกี่ไม้",
            intro="จากตัวไหมในกระด้งถึงผ้าพันคอบนกี่ไม้ ผ้าไหมสันกำแพงยังทอด้วยมือของแม่บ้านในหมู่บ้าน",
            body=[
                _h("เริ่มจากหนอนไหม"),
                _p("ทุกเช้าแม่คำปันเก็บใบหม่อนให้หนอนไหม สี่สัปดาห์ต่อมารังไหมสีทองถูกต้มและสาวเป็นเส้น"),
                _q("ผ้าผืนหนึ่งเล่าเรื่องของบ้านเรา", "นางคำปัน ใจบุญ"),
                _p("วันนี้กลุ่มมีสมาชิกสามสิบคน และส่งผ้าให้ศูนย์ OTOP สันกำแพงทุกเดือน"),
            ],
        ),
        en=dict(
            title="San Kamphaeng silk: three generations at the loom",
            intro="From silkworms in a bamboo tray to a scarf on a wooden loom, San Kamphaeng silk is still woven by the village's women.",
            body=[
                _h("It starts with a silkworm"),
                _p(
                    "Every morning Mae Kampan picks mulberry leaves for the silkworms; four weeks later the golden cocoons are boiled and reeled."
                ),
                _q("Each cloth tells the story of our home.", "Kampan Jaiboon"),
                _p("Today the group has thirty members and supplies the San Kamphaeng OTOP center every month."),
            ],
        ),
        zh=dict(
            title="汕甘烹丝绸：织机前的三代人",
            intro="从竹匾里的蚕到木织机上的围巾，汕甘烹丝绸至今仍由村里的妇女手工织造。",
            body=[_p("如今合作社有三十名成员，每月为汕甘烹 OTOP 中心供货。")],
        ),
    ),
    dict(
        slug="bo-sang-umbrellas",
        producer="bo-sang-umbrella-centre",
        district="5013",
        date=datetime.date(2025, 1, 20),
        motif="umbrella",
        colour="#c62828",
        th=dict(
            title="ร่มบ่อสร้าง ศิลปะบนซี่ไม้ไผ่",
            intro="ร่มหนึ่งคันผ่านมือช่างกว่าสิบคน ตั้งแต่เหลาซี่ไม้ไผ่จนถึงเขียนลายดอกไม้",
            body=[
                _h("ซี่ไม้ไผ่นับร้อย"),
                _p("ช่างเหลาซี่ร่มจากไม้ไผ่อายุสามปี ประกอบโครง แล้วขึงกระดาษสาที่ทำจากเปลือกต้นปอสา"),
                _q("ลายที่เขียนต้องไม่ซ้ำกันสักคัน", "นายประเสริฐ บัวจันทร์"),
                _p("ทุกเดือนมกราคม เทศกาลร่มบ่อสร้างเปิดให้นักท่องเที่ยวมาลองเขียนลายด้วยตัวเอง"),
            ],
        ),
        en=dict(
            title="Bo Sang umbrellas: art on bamboo ribs",
            intro="One umbrella passes through more than ten pairs of hands, from splitting the bamboo to painting the flowers.",
            body=[
                _h("A hundred bamboo ribs"),
                _p(
                    "Craftsmen split ribs from three-year-old bamboo, build the frame and stretch saa paper made from mulberry bark."
                ),
                _q("No two umbrellas may carry the same painting.", "Prasert Buachan"),
                _p("Every January the Bo Sang Umbrella Festival invites visitors to paint their own."),
            ],
        ),
        zh=dict(
            title="博桑伞：竹骨上的艺术",
            intro="一把伞要经过十多位匠人之手，从削竹骨到彩绘花卉。",
            body=[_p("每年一月的博桑伞节，游客可以亲手绘制自己的雨伞。")],
        ),
    ),
    dict(
        slug="mae-chaem-teen-jok",
        producer="ban-thong-fai-teen-jok",
        district="5003",
        date=datetime.date(2025, 2, 3),
        motif="jok",
        colour="#8e1b1b",
        th=dict(
            title="ตีนจกแม่แจ่ม ลายที่จกด้วยขนเม่น",
            intro="ที่บ้านท้องฝาย ช่างทอยังใช้ขนเม่นจกเส้นด้ายทีละเส้น ผ้าซิ่นหนึ่งผืนใช้เวลาหลายเดือน",
            body=[
                _h("ลายโบราณที่ยังมีชีวิต"),
                _p("ลายโก๋งเคียะ ลายขันหลวง ลายนกคู่ แต่ละลายมีความหมายและสืบทอดจากแม่สู่ลูกสาว"),
                _q("ถ้าเราไม่ทอ ลายเหล่านี้ก็จะหายไป", "นางแสงดา ปัญญาดี"),
                _p("กลุ่มเปิดบ้านให้นักท่องเที่ยวชมการทอทุกวันเสาร์ และสอนเยาวชนในหมู่บ้าน"),
            ],
        ),
        en=dict(
            title="Mae Chaem teen jok: patterns picked with a porcupine quill",
            intro="In Ban Thong Fai weavers still pick each thread with a porcupine quill; one sarong takes months.",
            body=[
                _h("Old patterns, still alive"),
                _p("Kong kia, khan luang, twin birds: every pattern has a meaning and passes from mother to daughter."),
                _q("If we stop weaving, these patterns disappear.", "Saengda Panyadee"),
                _p("The group opens its looms to visitors every Saturday and teaches village youngsters."),
            ],
        ),
        zh=dict(
            title="湄占手挑织：用豪猪刺挑出的图案",
            intro="在通菲村，织工仍用豪猪刺逐根挑线，一条筒裙需要数月完成。",
            body=[_p("合作社每周六向游客开放，并教村里的年轻人织布。")],
        ),
    ),
    dict(
        slug="saket-indigo-family",
        producer="saket-indigo-family",
        district="5005",
        date=datetime.date(2025, 2, 17),
        motif="indigo",
        colour="#1b2a4a",
        th=dict(
            title="ครอบครัวสีคราม One Family One Soft Power",
            intro="พ่อปลูกคราม แม่ย้อมผ้า ลูกออกแบบลาย ครอบครัวสุวรรณทำให้ผ้าครามดอยสะเก็ดเป็นที่รู้จัก",
            body=[
                _h("หนึ่งครอบครัว หนึ่งซอฟต์พาวเวอร์"),
                _p("โครงการ One Family One Soft Power ของจังหวัดเชียงใหม่ช่วยให้ครอบครัวพัฒนาทักษะและตลาดของตัวเอง"),
                _q("หม้อครามต้องเลี้ยงเหมือนคนในบ้าน", "นายสมชาย สุวรรณ"),
                _p("ทุกอำเภอตั้งเป้าให้มีแหล่งผ้าสีธรรมชาติอย่างน้อยหนึ่งแห่ง และบ้านลวงเหนือคือหนึ่งในนั้น"),
            ],
        ),
        en=dict(
            title="An indigo family: One Family One Soft Power",
            intro="Father grows the indigo, mother dyes, the children design: the Suwan family put Doi Saket indigo on the map.",
            body=[
                _h("One family, one soft power"),
                _p(
                    "Chiang Mai's One Family One Soft Power programme helps families build their own skills and markets."
                ),
                _q("You look after an indigo vat like a member of the family.", "Somchai Suwan"),
                _p("Every district aims for at least one natural-dye fabric source; Ban Luang Nuea is Doi Saket's."),
            ],
        ),
        zh=dict(
            title="靛蓝之家：一个家庭一项软实力",
            intro="父亲种蓝草，母亲染布，孩子设计图案——苏万一家让堆沙革的靛蓝布闻名遐迩。",
            body=[_p("清迈府“一个家庭一项软实力”计划帮助家庭提升技能、开拓市场。")],
        ),
    ),
    dict(
        slug="omkoi-highland-coffee",
        producer="omkoi-karen-coffee-family",
        district="5018",
        date=datetime.date(2025, 3, 4),
        motif="coffee",
        colour="#5c3a1e",
        th=dict(
            title="กาแฟอมก๋อย จากไร่ข้าวโพดสู่ป่ากาแฟ",
            intro="ครอบครัวปกาเกอะญอที่เปลี่ยนไร่ข้าวโพดเป็นป่ากาแฟ และคั่วกาแฟเองที่บ้านบนดอย",
            body=[
                _h("ปลูกกาแฟใต้ร่มไม้"),
                _p("ต้นกาแฟเติบโตใต้ร่มไม้ใหญ่ ช่วยคืนความชุ่มชื้นให้ดินและลดการเผาในฤดูแล้ง"),
                _q("ป่าคือบ้าน กาแฟคือรายได้ที่ไม่ต้องทำลายบ้าน", "นายจอนิ ปัญญาดี"),
                _p("เมล็ดกาแฟถูกคั่วเป็นล็อตเล็กทุกสัปดาห์และส่งถึงศูนย์สันกำแพงภายในสามวัน"),
            ],
        ),
        en=dict(
            title="Omkoi coffee: from maize fields to a coffee forest",
            intro="A Pgaz K'nyau family who turned maize fields into a coffee forest and roast at home in the hills.",
            body=[
                _h("Coffee under the trees"),
                _p(
                    "The coffee grows in the shade of tall trees, bringing moisture back to the soil and ending dry-season burning."
                ),
                _q("The forest is our home; coffee is an income that does not destroy it.", "Joni Panyadee"),
                _p("Beans are roasted in small weekly batches and reach the San Kamphaeng center within three days."),
            ],
        ),
        zh=dict(
            title="翁蒄咖啡：从玉米地到咖啡林",
            intro="一个克伦族家庭把玉米地变成咖啡林，在山上的家中自己烘焙。",
            body=[_p("咖啡豆每周小批量烘焙，三天内送达汕甘烹中心。")],
        ),
    ),
    dict(
        slug="ban-tawai-carvers",
        producer="ban-tawai-woodcarving",
        district="5015",
        date=datetime.date(2025, 3, 18),
        motif="wood",
        colour="#a0703a",
        th=dict(
            title="บ้านถวาย หมู่บ้านช่างแกะสลัก",
            intro="เสียงสิ่วกระทบไม้ดังทั้งวันที่บ้านถวาย หมู่บ้านหัตถกรรมที่ใหญ่ที่สุดของเชียงใหม่",
            body=[
                _h("ฝีมือที่ส่งต่อกันมา"),
                _p("ช่างรุ่นแรกเรียนแกะสลักระหว่างบูรณะวัด วันนี้ลูกหลานแกะช้าง พาน และกรอบกระจกส่งไปทั่วโลก"),
                _q("ไม้ทุกชิ้นบอกเราว่ามันอยากเป็นอะไร", "นายสุรินทร์ ไชยวงศ์"),
                _p("กลุ่มใช้ไม้ปลูกที่ถูกกฎหมายและปลูกต้นไม้ทดแทนทุกปี"),
            ],
        ),
        en=dict(
            title="Ban Tawai: the carvers' village",
            intro="Chisels ring all day in Ban Tawai, Chiang Mai's largest handicraft village.",
            body=[
                _h("A skill handed down"),
                _p(
                    "The first carvers learnt while restoring temples; today their grandchildren send elephants, trays and mirror frames around the world."
                ),
                _q("Every piece of wood tells us what it wants to become.", "Surin Chaiwong"),
                _p("The group uses legal plantation timber and replants trees every year."),
            ],
        ),
        zh=dict(
            title="班达外：木雕匠人村",
            intro="在清迈最大的手工艺村班达外，凿木声整日不绝。",
            body=[_p("合作社使用合法人工林木材，并每年植树补种。")],
        ),
    ),
]


# --- Story details added by the storytelling issue ----------------------------------
# Per story slug: author and tags per language (tags are per page, so each
# translation has tags in its own language).

STORY_DETAILS = {
    "san-kamphaeng-silk": dict(
        author={"th": "ณัฐธิดา คำมา", "en": "Natthida Khamma", "zh-hans": "Natthida Khamma"},
        tags={
            "th": ["ผ้าไหม", "สันกำแพง", "ผ้าไทย"],
            "en": ["silk", "San Kamphaeng", "Thai fabric"],
            "zh-hans": ["丝绸", "汕甘烹"],
        },
    ),
    "bo-sang-umbrellas": dict(
        author={"th": "ณัฐธิดา คำมา", "en": "Natthida Khamma", "zh-hans": "Natthida Khamma"},
        tags={"th": ["ร่มบ่อสร้าง", "สันกำแพง"], "en": ["umbrellas", "San Kamphaeng"], "zh-hans": ["博桑伞", "汕甘烹"]},
    ),
    "mae-chaem-teen-jok": dict(
        author={"th": "วีระพงษ์ อินต๊ะ", "en": "Weerapong Inta", "zh-hans": "Weerapong Inta"},
        tags={
            "th": ["ตีนจก", "แม่แจ่ม", "ผ้าไทย"],
            "en": ["teen jok", "Mae Chaem", "Thai fabric"],
            "zh-hans": ["手挑织", "湄占"],
        },
    ),
    "saket-indigo-family": dict(
        author={"th": "วีระพงษ์ อินต๊ะ", "en": "Weerapong Inta", "zh-hans": "Weerapong Inta"},
        tags={
            "th": ["ผ้าสีธรรมชาติ", "One Family One Soft Power", "ดอยสะเก็ด"],
            "en": ["natural dye", "One Family One Soft Power", "Doi Saket"],
            "zh-hans": ["天然染色", "一个家庭一项软实力"],
        },
    ),
    "omkoi-highland-coffee": dict(
        author={"th": "พิมพ์ชนก ศรีวงศ์", "en": "Pimchanok Sriwong", "zh-hans": "Pimchanok Sriwong"},
        tags={"th": ["กาแฟ", "อมก๋อย"], "en": ["coffee", "Omkoi"], "zh-hans": ["咖啡", "翁蒄"]},
    ),
    "ban-tawai-carvers": dict(
        author={"th": "พิมพ์ชนก ศรีวงศ์", "en": "Pimchanok Sriwong", "zh-hans": "Pimchanok Sriwong"},
        tags={"th": ["ไม้แกะสลัก", "หางดง"], "en": ["wood carving", "Hang Dong"], "zh-hans": ["木雕", "杭东"]},
    ),
}

# Headings of the blocks the loader adds to each story (products, maker).
STORY_BLOCK_TEXTS = {
    "th": dict(products="ซื้อจากเรื่องนี้", gallery="ภาพจากหมู่บ้าน", alt="ภาพประกอบเรื่อง {title}"),
    "en": dict(products="Buy from this story", gallery="From the village", alt="Illustration for {title}"),
    "zh-hans": dict(products="购买故事中的产品", gallery="村庄掠影", alt="{title} 配图"),
}


# --- Workshops (community tourism) ----------------------------------------------------

EXPERIENCE_INDEX = {
    "th": dict(title="เวิร์กช็อปชุมชน", intro="เรียนรู้จากช่างฝีมือถึงบ้าน ทอผ้า ย้อมคราม เขียนลายร่ม ท่องเที่ยวชุมชนอย่างยั่งยืน"),
    "en": dict(
        title="Workshops",
        intro="Learn from the makers in their villages: weave, dye with indigo, paint an umbrella. Sustainable community tourism.",
    ),
    "zh-hans": dict(title="社区工作坊", intro="走进村庄向匠人学习：织布、靛蓝染色、彩绘纸伞。可持续的社区旅游。"),
}

EXPERIENCES = [
    dict(
        slug="indigo-dyeing-ban-luang-nuea",
        kind="dyeing",
        district="5005",
        host="saket-indigo-family",
        motif="indigo",
        colour="#1b2a4a",
        duration_minutes=180,
        price="850.00",
        capacity=10,
        latitude="18.875400",
        longitude="99.138200",
        th=dict(
            title="ย้อมผ้าครามกับครอบครัวสุวรรณ",
            intro="เก็บใบห้อม เลี้ยงหม้อคราม และมัดย้อมผ้าพันคอฝ้ายผืนแรกของคุณ กลับบ้านพร้อมผ้าที่ย้อมเอง",
            schedule_text="ทุกวันเสาร์และอาทิตย์ 09:00–12:00 น. (พฤศจิกายน–กุมภาพันธ์)",
            meeting_point="บ้านครอบครัวสุวรรณ บ้านลวงเหนือ หมู่ 4 ต.ลวงเหนือ อ.ดอยสะเก็ด จ.เชียงใหม่ 50220",
            how_to_book="<p>โทรหรือส่งข้อความ LINE ถึงศูนย์ OTOP สันกำแพงอย่างน้อยสามวันล่วงหน้า ชำระเงินที่ศูนย์หรือโอนผ่านพร้อมเพย์</p>",
            schedule=[
                ("09:00", "พบครอบครัวสุวรรณ ชมแปลงห้อม"),
                ("09:45", "เรียนการเลี้ยงหม้อคราม"),
                ("10:30", "มัดลายและย้อมผ้าพันคอ"),
                ("11:45", "ล้าง ตาก และชิมชาสมุนไพร"),
            ],
        ),
        en=dict(
            title="Indigo dyeing with the Suwan family",
            intro="Pick indigo leaves, feed the vat and tie-dye your first cotton scarf; you take home the cloth you dyed.",
            schedule_text="Saturdays and Sundays, 09:00–12:00 (November to February)",
            meeting_point="The Suwan family house, Ban Luang Nuea, Moo 4, Luang Nuea, Doi Saket, Chiang Mai 50220",
            how_to_book="<p>Call or send a LINE message to the San Kamphaeng OTOP center at least three days ahead. Pay at the center or by PromptPay.</p>",
            schedule=[
                ("09:00", "Meet the Suwan family and their indigo plot"),
                ("09:45", "How to keep an indigo vat alive"),
                ("10:30", "Tie and dye your scarf"),
                ("11:45", "Rinse, dry and share herbal tea"),
            ],
        ),
        zh=dict(
            title="与苏万一家体验靛蓝染色",
            intro="采摘蓝草、照料染缸，亲手扎染第一条棉围巾，并把自己染的布带回家。",
            schedule_text="每周六、周日 09:00–12:00（11月至2月）",
            meeting_point="清迈府堆沙革县銮北村4组 苏万家 50220",
            how_to_book="<p>请至少提前三天致电或通过 LINE 联系汕甘烹 OTOP 中心，可在中心付款或使用 PromptPay。</p>",
            schedule=[("09:00", "认识苏万一家和蓝草田"), ("10:30", "扎染围巾"), ("11:45", "清洗晾干，品尝草本茶")],
        ),
    ),
    dict(
        slug="paint-a-bo-sang-umbrella",
        kind="umbrella_painting",
        district="5013",
        host="bo-sang-umbrella-centre",
        motif="umbrella",
        colour="#c62828",
        duration_minutes=90,
        price="350.00",
        capacity=20,
        latitude="18.768400",
        longitude="99.083500",
        th=dict(
            title="เขียนลายร่มบ่อสร้างด้วยมือคุณเอง",
            intro="ช่างเขียนลายบ่อสร้างสอนวาดดอกไม้บนร่มกระดาษสาขนาด 10 นิ้ว กลับบ้านพร้อมร่มที่เขียนเอง",
            schedule_text="ทุกวัน 10:00–16:00 น. เริ่มทุกชั่วโมง",
            meeting_point="ศูนย์หัตถกรรมทำร่มบ่อสร้าง ต.ต้นเปา อ.สันกำแพง จ.เชียงใหม่ 50130",
            how_to_book="<p>มาได้เลยโดยไม่ต้องจอง กลุ่มเกินสิบคนโปรดโทรแจ้งศูนย์ OTOP สันกำแพงล่วงหน้าหนึ่งวัน</p>",
            schedule=[
                ("10:00", "ชมการทำโครงร่มและขึงกระดาษสา"),
                ("10:20", "ฝึกลายดอกไม้บนกระดาษ"),
                ("10:40", "เขียนลายบนร่มของคุณ"),
                ("11:20", "เคลือบและรับร่มกลับบ้าน"),
            ],
        ),
        en=dict(
            title="Paint your own Bo Sang umbrella",
            intro="A Bo Sang painter teaches you the classic flowers on a 10-inch saa-paper umbrella, which you take home.",
            schedule_text="Daily, 10:00–16:00, starting every hour",
            meeting_point="Bo Sang Umbrella Making Centre, Ton Pao, San Kamphaeng, Chiang Mai 50130",
            how_to_book="<p>Just walk in. Groups of more than ten: please call the San Kamphaeng OTOP center a day ahead.</p>",
            schedule=[
                ("10:00", "See frames built and saa paper stretched"),
                ("10:20", "Practise the flowers on paper"),
                ("10:40", "Paint your umbrella"),
                ("11:20", "Varnish and take it home"),
            ],
        ),
        zh=dict(
            title="亲手彩绘博桑纸伞",
            intro="博桑画师教您在10英寸桑皮纸伞上绘制经典花卉，完成后可带回家。",
            schedule_text="每天 10:00–16:00，每小时开课",
            meeting_point="清迈府汕甘烹县东泡镇 博桑制伞中心 50130",
            how_to_book="<p>无需预约，直接前来。十人以上团体请提前一天致电汕甘烹 OTOP 中心。</p>",
            schedule=[("10:00", "参观伞骨制作"), ("10:40", "彩绘您的纸伞"), ("11:20", "上光后带回家")],
        ),
    ),
]


# --- The center -----------------------------------------------------------------------

CENTER = dict(
    slug="visit-the-center",
    latitude="18.745000",
    longitude="99.120000",
    postcode="50130",
    phone="053-000-000",
    email="center@otop-chiangmai.example",
    th=dict(
        title="ศูนย์จำหน่ายสินค้า OTOP สันกำแพง",
        intro="ชม ลอง และซื้อของดีจาก 25 อำเภอ รับสินค้าที่สั่งออนไลน์ และฝากขายสินค้าของผู้ผลิต",
        center_name="ศูนย์จำหน่ายสินค้า OTOP อำเภอสันกำแพง",
        address="ถนนเชียงใหม่–สันกำแพง ต.สันกำแพง อ.สันกำแพง จ.เชียงใหม่",
        hours=[("ทุกวัน", "09:00–18:00 น."), ("วันหยุดนักขัตฤกษ์", "10:00–17:00 น.")],
        visit=[
            "ศูนย์ตั้งอยู่บนถนนสายหัตถกรรมสันกำแพง ใกล้หมู่บ้านทำร่มบ่อสร้างและกลุ่มทอผ้าไหม มีที่จอดรถและห้องน้ำ",
            "สินค้าที่สั่งออนไลน์และเลือกรับที่ศูนย์ พร้อมรับภายในหนึ่งวันทำการ แสดงหมายเลขคำสั่งซื้อที่เคาน์เตอร์",
        ],
        consign=[
            "ผู้ผลิตที่ขึ้นทะเบียน OTOP ฝากขายสินค้าที่ศูนย์ได้ สมัครผ่านพอร์ทัลผู้ผลิตพร้อมเอกสารทะเบียนและภาพสินค้า",
            "นำสินค้ามาส่งที่จุดรับสินค้าในวันจันทร์ถึงศุกร์ เจ้าหน้าที่ตรวจนับ ติดป้ายราคา และออกใบรับฝากขาย",
            "ศูนย์โอนเงินค่าสินค้าที่ขายได้ทุกสิ้นเดือน พร้อมรายงานยอดขายและสต็อกคงเหลือ",
        ],
    ),
    en=dict(
        title="Visit the San Kamphaeng OTOP center",
        intro="See, try and buy the best of 25 districts, collect your online order, or consign your goods as a producer.",
        center_name="San Kamphaeng OTOP Distribution Center",
        address="Chiang Mai–San Kamphaeng Road, San Kamphaeng, Chiang Mai",
        hours=[("Every day", "09:00–18:00"), ("Public holidays", "10:00–17:00")],
        visit=[
            "The center is on San Kamphaeng's craft road, close to the Bo Sang umbrella village and the silk weavers, with parking and toilets.",
            "Orders placed online for pick-up are ready within one working day: show your order number at the counter.",
        ],
        consign=[
            "Registered OTOP producers can consign goods at the center. Apply through the producer portal with your registration and product photos.",
            "Bring your goods to the receiving desk Monday to Friday; staff count and label them and give you a consignment receipt.",
            "The center pays for goods sold at the end of every month, with a report of sales and remaining stock.",
        ],
    ),
    zh=dict(
        title="参观汕甘烹 OTOP 中心",
        intro="在这里观赏、试用并选购25个县的好物，自取网上订单，生产者也可在此寄售商品。",
        center_name="汕甘烹县 OTOP 产品销售中心",
        address="清迈府汕甘烹县 清迈—汕甘烹公路",
        hours=[("每天", "09:00–18:00"), ("公共假日", "10:00–17:00")],
        visit=["中心位于汕甘烹手工艺之路，靠近博桑纸伞村和丝绸织坊，设有停车场和洗手间。"],
        consign=["已注册的 OTOP 生产者可在中心寄售商品，请通过生产者门户提交申请。"],
    ),
)


# --- The Thai-fabric campaign -----------------------------------------------------------

CAMPAIGN = dict(
    slug="thai-fabric-campaign",
    start=datetime.date(2024, 10, 1),
    end=datetime.date(2025, 9, 30),
    motif="jok",
    colour="#9b1b30",
    th=dict(
        title="ผ้าไทยใส่ให้สนุก",
        intro="ชวนทุกคนใส่ผ้าไทยในชีวิตประจำวัน ผ้าไหมสันกำแพง ซิ่นตีนจกแม่แจ่ม และผ้าย้อมสีธรรมชาติจากทุกอำเภอ",
        body=[
            _h("ใส่ผ้าไทย ช่วยช่างทอ"),
            _p("ผ้าทุกผืนที่ขายได้คือรายได้ของช่างทอและช่างย้อมในหมู่บ้าน โครงการนี้เป็นส่วนหนึ่งของแผน CNX Soft Power ปีงบประมาณ 2568"),
            _q("ผ้าไทยไม่ใช่ของเก่า แต่คือของที่ใส่ได้ทุกวัน", "สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่"),
        ],
    ),
    en=dict(
        title="Wear Thai fabric, have fun",
        intro="An invitation to wear Thai fabric every day: San Kamphaeng silk, Mae Chaem teen jok and natural dyes from every district.",
        body=[
            _h("Wear Thai cloth, support the weavers"),
            _p(
                "Every cloth sold is income for village weavers and dyers. The campaign is part of Chiang Mai's CNX Soft Power plan for fiscal year 2568 (2025)."
            ),
            _q("Thai fabric is not old-fashioned: it is for every day.", "Chiang Mai Community Development Office"),
        ],
    ),
    zh=dict(
        title="快乐穿泰布",
        intro="邀请大家在日常生活中穿着泰国布料：汕甘烹丝绸、湄占手挑织和各县的天然染色布。",
        body=[_p("每售出一块布，都是村里织工和染工的收入。本活动是清迈“CNX 软实力”计划的一部分。")],
    ),
)

# Crafts whose products the campaign shows.
CAMPAIGN_CRAFT_PRODUCERS = [
    "san-kamphaeng-silk-weavers",
    "ban-thong-fai-teen-jok",
    "saket-indigo-family",
    "don-pao-indigo-dyers",
    "khuang-pao-cotton-weavers",
    "mae-tuen-karen-weavers",
]


# --- About (a plain content page) --------------------------------------------------------

ABOUT = dict(
    slug="about",
    th=dict(
        title="เกี่ยวกับเรา",
        intro="ตลาด OTOP เชียงใหม่ ดำเนินการโดยสำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่ ภายใต้แนวคิด CDD Chiang Mai 5G",
        body=[
            _p(
                "เราช่วยผู้ผลิต OTOP ทั้งวิสาหกิจชุมชน ครัวเรือน และธุรกิจขนาดเล็ก ให้ขายสินค้าออนไลน์และที่ศูนย์สันกำแพง "
                "ตามนโยบาย CNX Soft Power, One Family One Soft Power และหนึ่งอำเภอหนึ่งแหล่งผ้าสีธรรมชาติ"
            )
        ],
    ),
    en=dict(
        title="About us",
        intro="The OTOP Chiang Mai marketplace is run by Chiang Mai's provincial Community Development Office under its CDD Chiang Mai 5G plan.",
        body=[
            _p(
                "We help OTOP producers (community enterprises, households and small firms) sell online and at the San Kamphaeng center, "
                "under the CNX Soft Power, One Family One Soft Power and one-natural-dye-source-per-district policies."
            )
        ],
    ),
)
