"""Demo district pages: one natural-dye fabric source in each of Chiang
Mai's 25 districts (the province's "one district, one natural-dye source"
policy), with places to visit.

Illustrative content for the demo: the plants, colours and techniques are the
ones northern Thai dyers really use and the places are real landmarks, but
the dye groups and villages named here are invented. Thai and English; the
Chinese site falls back to the English pages (cms.selectors).

Each entry: code, hex swatch colour, (Thai, English) pairs for plant, colour,
community and village, the technique, a one-line intro and places to visit.
"""

DISTRICT_INDEX = {
    "th": dict(
        title="25 อำเภอ 25 แหล่งผ้าสีธรรมชาติ",
        intro="ทุกอำเภอของเชียงใหม่มีแหล่งผ้าย้อมสีธรรมชาติอย่างน้อยหนึ่งแห่ง ค้นหาพืชให้สี เฉดสี และชุมชนผู้ย้อม พร้อมผู้ผลิตและสินค้าของแต่ละอำเภอ",
    ),
    "en": dict(
        title="25 districts, 25 natural dyes",
        intro="Every district of Chiang Mai keeps at least one natural-dye fabric source. Find its plant, its colour "
        "and its dyers, with the district's producers and products.",
    ),
    "zh-hans": dict(
        title="25个县，25种天然染料",
        intro="清迈每个县都至少有一处天然染色布料产地。了解各县的染料植物、颜色与染坊，以及当地的生产者和产品。",
    ),
}


def _d(code, hex_colour, plant, colour, community, village, technique, intro, places):
    return dict(
        code=code,
        hex=hex_colour,
        plant=plant,
        colour=colour,
        community=community,
        village=village,
        technique=technique,
        intro=intro,
        places=places,
    )


DISTRICTS = [
    _d(
        "5001",
        "#3b3f4a",
        ("มะเกลือ", "Ebony fruit (ma kluea)"),
        ("ดำ", "black"),
        ("กลุ่มย้อมผ้ามะเกลือวัวลาย", "Wua Lai Ebony Dye Group"),
        ("ชุมชนวัวลาย", "Wua Lai community"),
        (
            "หมักผลมะเกลือดิบตำละเอียด ย้อมและตากแดดซ้ำหลายรอบจนผ้าเป็นสีดำสนิท",
            "Green ebony fruit is crushed and fermented; cloth is dipped and sun-dried many times until it turns deep black.",
        ),
        ("ย่านช่างเงินวัวลายที่ยังมีแม่บ้านย้อมผ้าด้วยมะเกลือ", "The silversmiths' quarter, where women still dye with ebony fruit."),
        [
            (
                ("วัดศรีสุพรรณ (อุโบสถเงิน)", "Wat Sri Suphan, the silver temple"),
                ("อุโบสถประดับเงินฝีมือช่างวัวลาย", "An ordination hall clad in Wua Lai silverwork."),
            ),
            (
                ("วัดพระธาตุดอยสุเทพ", "Wat Phra That Doi Suthep"),
                ("พระธาตุคู่เมืองเชียงใหม่บนดอยสุเทพ", "The city's hilltop temple above Chiang Mai."),
            ),
        ],
    ),
    _d(
        "5002",
        "#d4a017",
        ("ขมิ้นชัน", "Turmeric"),
        ("เหลืองทอง", "golden yellow"),
        ("กลุ่มผ้าฝ้ายย้อมขมิ้นข่วงเปา", "Khuang Pao Turmeric Cotton Group"),
        ("บ้านข่วงเปา", "Ban Khuang Pao"),
        (
            "ต้มเหง้าขมิ้นสด ย้อมร้อนแล้วจับสีด้วยน้ำปูนใส ได้เหลืองทองสดใส",
            "Fresh turmeric root is boiled; cotton is dyed hot and fixed with limewater for a bright gold.",
        ),
        ("ประตูสู่ดอยอินทนนท์ และบ้านของผ้าฝ้ายเนื้อนุ่ม", "Gateway to Doi Inthanon and home of soft handwoven cotton."),
        [
            (
                ("อุทยานแห่งชาติดอยอินทนนท์", "Doi Inthanon National Park"),
                ("ยอดดอยสูงที่สุดของประเทศไทย", "Thailand's highest mountain."),
            ),
            (
                ("วัดพระธาตุศรีจอมทอง", "Wat Phra That Si Chom Thong"),
                ("วัดเก่าแก่ใจกลางอำเภอจอมทอง", "An old temple in the heart of Chom Thong."),
            ),
        ],
    ),
    _d(
        "5003",
        "#8e1b1b",
        ("ครั่ง", "Lac"),
        ("แดงครั่ง", "lac red"),
        ("กลุ่มซิ่นตีนจกย้อมครั่งบ้านท้องฝาย", "Ban Thong Fai Lac-Dyed Teen Jok Group"),
        ("บ้านท้องฝาย", "Ban Thong Fai"),
        (
            "แช่รังครั่งในน้ำมะขามเปียก ย้อมเส้นไหมก่อนทอเป็นลายจก ได้สีแดงเข้มไม่ตก",
            "Lac resin is soaked in tamarind water; silk is dyed before weaving into teen jok, giving a deep, fast red.",
        ),
        ("ถิ่นซิ่นตีนจก ลายโบราณที่จกด้วยขนเม่น", "Home of teen jok skirts, patterns picked with a porcupine quill."),
        [
            (
                ("นาขั้นบันไดบ้านป่าบงเปียง", "Ban Pa Bong Piang rice terraces"),
                ("นาขั้นบันไดเขียวขจีในฤดูฝน", "Rice terraces, green in the rainy season."),
            ),
            (
                ("บ้านท้องฝาย", "Ban Thong Fai weavers"),
                ("ชมการทอซิ่นตีนจกทุกวันเสาร์", "Watch teen jok weaving every Saturday."),
            ),
        ],
    ),
    _d(
        "5004",
        "#5f8d3a",
        ("ใบหูกวาง", "Indian almond leaves"),
        ("เขียวเทา", "grey green"),
        ("กลุ่มย้อมผ้าใบหูกวางเมืองงาย", "Mueang Ngai Almond-Leaf Dyers"),
        ("บ้านเมืองงาย", "Ban Mueang Ngai"),
        (
            "ต้มใบหูกวางแห้ง ย้อมแล้วจับสีด้วยสนิมเหล็ก ได้สีเขียวเทาอ่อนละมุน",
            "Dried almond leaves are boiled; an iron mordant turns the cloth a soft grey green.",
        ),
        ("ดอยหลวงเชียงดาว ถ้ำ และชาดอย", "Doi Luang Chiang Dao, caves and mountain tea."),
        [
            (("ถ้ำเชียงดาว", "Chiang Dao Cave"), ("ถ้ำหินปูนศักดิ์สิทธิ์ใต้ดอยหลวง", "A sacred limestone cave under Doi Luang.")),
            (("ดอยหลวงเชียงดาว", "Doi Luang Chiang Dao"), ("ภูเขาหินปูนสูงอันดับสามของไทย", "Thailand's third-highest peak.")),
        ],
    ),
    _d(
        "5005",
        "#1b2a4a",
        ("ห้อม (คราม)", "Indigo (hom)"),
        ("น้ำเงินคราม", "indigo blue"),
        ("ครอบครัวสีครามสุวรรณ", "The Suwan indigo family"),
        ("บ้านลวงเหนือ", "Ban Luang Nuea"),
        (
            "หมักใบห้อมเป็นเนื้อคราม เลี้ยงหม้อครามด้วยน้ำขี้เถ้า ย้อมซ้ำจนได้น้ำเงินเข้ม",
            "Indigo leaves are fermented into paste; the vat is fed with ash water and cloth dipped again and again.",
        ),
        ("ครอบครัวสีครามและกาแฟเทพเสด็จ", "Indigo families and Thep Sadet coffee."),
        [
            (
                ("วัดพระธาตุดอยสะเก็ด", "Wat Phra That Doi Saket"),
                ("วัดบนเนินมองเห็นทุ่งนา", "A hilltop temple above the rice fields."),
            ),
            (
                ("เขื่อนแม่กวงอุดมธารา", "Mae Kuang Udom Thara Dam"),
                ("อ่างเก็บน้ำสำหรับพักผ่อนริมน้ำ", "A reservoir for a lakeside afternoon."),
            ),
        ],
    ),
    _d(
        "5006",
        "#7b5135",
        ("เปลือกประดู่", "Padauk bark"),
        ("น้ำตาลแดง", "red brown"),
        ("กลุ่มผ้าย้อมเปลือกไม้ป่าแป๋", "Pa Pae Bark Dye Group"),
        ("บ้านป่าแป๋", "Ban Pa Pae"),
        (
            "เก็บเปลือกประดู่ที่ร่วงตามธรรมชาติ ต้มนานครึ่งวัน ได้สีน้ำตาลแดงอบอุ่น",
            "Fallen padauk bark is boiled for half a day for a warm red brown.",
        ),
        ("ป่าต้นน้ำ กาแฟป่าแป๋ และล่องแพ", "Watershed forests, Pa Pae coffee and rafting."),
        [
            (("เขื่อนแม่งัดสมบูรณ์ชล", "Mae Ngat Dam"), ("ล่องเรือชมทะเลสาบและแพพัก", "Lake boats and floating houses.")),
            (("หมู่บ้านป่าแป๋", "Ban Pa Pae"), ("ไร่กาแฟใต้ร่มไม้", "Shade-grown coffee gardens.")),
        ],
    ),
    _d(
        "5007",
        "#4a6b8a",
        ("อัญชัน", "Butterfly pea"),
        ("ฟ้าอมม่วง", "violet blue"),
        ("กลุ่มผ้ามัดย้อมแม่ริม", "Mae Rim Tie-Dye Group"),
        ("บ้านแม่สา", "Ban Mae Sa"),
        (
            "คั้นดอกอัญชันสดย้อมเย็น มัดผ้าเป็นลายก่อนย้อม ได้ลายฟ้าอมม่วง",
            "Fresh butterfly-pea flowers are used in a cold bath; cloth is tied first for violet-blue patterns.",
        ),
        ("สวนพฤกษศาสตร์และน้ำตกแม่สา", "Botanic gardens and the Mae Sa waterfalls."),
        [
            (
                ("สวนพฤกษศาสตร์สมเด็จพระนางเจ้าสิริกิติ์", "Queen Sirikit Botanic Garden"),
                ("ทางเดินบนยอดไม้", "A canopy walkway through the forest."),
            ),
            (("น้ำตกแม่สา", "Mae Sa Waterfall"), ("น้ำตกสิบชั้นในป่าดิบ", "Ten tiers of falls in the forest.")),
        ],
    ),
    _d(
        "5008",
        "#c2185b",
        ("ฝาง (แก่นฝาง)", "Sappan wood"),
        ("ชมพูบานเย็น", "pink"),
        ("กลุ่มผ้าย้อมฝางสะเมิง", "Samoeng Sappan Dyers"),
        ("บ้านสะเมิงใต้", "Ban Samoeng Tai"),
        (
            "ต้มแก่นฝางกับสารส้ม ได้สีชมพูสด ถ้าเติมน้ำด่างจะได้สีม่วง",
            "Sappan heartwood boiled with alum gives a bright pink; an alkaline bath turns it purple.",
        ),
        ("หุบเขาสตรอว์เบอร์รีและถนนสายหมอก", "Strawberry valleys and misty mountain roads."),
        [
            (
                ("ไร่สตรอว์เบอร์รีสะเมิง", "Samoeng strawberry farms"),
                ("เก็บสตรอว์เบอร์รีเองในฤดูหนาว", "Pick your own in the cool season."),
            ),
            (("ตลาดสะเมิง", "Samoeng market"), ("ผักผลไม้จากดอยทุกเช้า", "Mountain produce every morning.")),
        ],
    ),
    _d(
        "5009",
        "#b5532a",
        ("แก่นขนุน", "Jackfruit heartwood"),
        ("ส้มอิฐ", "saffron orange"),
        ("กลุ่มผ้าย้อมแก่นขนุนฝาง", "Fang Jackfruit-Wood Dyers"),
        ("บ้านแม่สูน", "Ban Mae Soon"),
        (
            "สับแก่นขนุนต้มกับน้ำ ย้อมผ้าฝ้ายได้สีส้มอิฐ สีเดียวกับจีวรพระ",
            "Jackfruit heartwood chips boiled in water dye cotton the saffron of monks' robes.",
        ),
        ("ส้มสายน้ำผึ้ง บ่อน้ำร้อน และดอยอ่างขาง", "Tangerines, hot springs and Doi Ang Khang."),
        [
            (
                ("บ่อน้ำร้อนฝาง", "Fang hot springs"),
                ("บ่อน้ำร้อนในอุทยานแห่งชาติดอยผ้าห่มปก", "Hot springs in Doi Pha Hom Pok National Park."),
            ),
            (
                ("สถานีเกษตรหลวงอ่างขาง", "Angkhang Royal Agricultural Station"),
                ("สวนดอกไม้เมืองหนาวบนดอย", "Cool-climate gardens in the hills."),
            ),
        ],
    ),
    _d(
        "5010",
        "#6b6e2b",
        ("เปลือกมะม่วง", "Mango bark"),
        ("เขียวมะกอก", "olive green"),
        ("กลุ่มทอผ้าท่าตอน", "Tha Ton Weavers"),
        ("บ้านท่าตอน", "Ban Tha Ton"),
        (
            "ต้มเปลือกมะม่วงแล้วจับสีด้วยน้ำโคลน ได้สีเขียวมะกอกทนแดด",
            "Mango bark is boiled and fixed with river mud for a sun-fast olive green.",
        ),
        ("ล่องแม่น้ำกกจากท่าตอน", "Down the Kok river from Tha Ton."),
        [
            (("วัดท่าตอน", "Wat Tha Ton"), ("วัดบนเนินเขาริมแม่น้ำกก", "Hillside temple above the Kok river.")),
            (("แม่น้ำกก", "Kok river"), ("ล่องเรือหางยาวสู่เชียงราย", "Longtail boats downriver towards Chiang Rai.")),
        ],
    ),
    _d(
        "5011",
        "#c28e0e",
        ("ดาวเรือง", "Marigold"),
        ("เหลืองส้ม", "marigold yellow"),
        ("กลุ่มผ้าย้อมดอกไม้พร้าว", "Phrao Flower Dyers"),
        ("บ้านแม่แวน", "Ban Mae Waen"),
        (
            "นำดอกดาวเรืองหลังงานบุญมาต้มย้อม ได้เหลืองส้มสดใส ไม่ทิ้งดอกไม้ให้เสียเปล่า",
            "Marigolds left over from temple offerings are boiled into a bright yellow dye: nothing is wasted.",
        ),
        ("ทุ่งนา น้ำผึ้งป่า และอุทยานศรีลานนา", "Rice fields, wild honey and Si Lanna park."),
        [
            (("อุทยานแห่งชาติศรีลานนา", "Si Lanna National Park"), ("ป่าเต็งรังและน้ำตกบัวตอง", "Dry forests and waterfalls.")),
            (("ตลาดเช้าพร้าว", "Phrao morning market"), ("น้ำผึ้งป่าและข้าวใหม่", "Wild honey and new-season rice.")),
        ],
    ),
    _d(
        "5012",
        "#8d6e63",
        ("เปลือกมะขาม", "Tamarind bark"),
        ("น้ำตาลอ่อน", "light brown"),
        ("กลุ่มผ้าฝ้ายย้อมมะขามทุ่งสะโตก", "Thung Satok Tamarind Cotton Group"),
        ("บ้านทุ่งสะโตก", "Ban Thung Satok"),
        (
            "ต้มเปลือกมะขามเก่า ย้อมผ้าฝ้ายหลายรอบ ได้สีน้ำตาลอ่อนเหมือนชานอ้อย",
            "Old tamarind bark gives cotton a light, sugar-cane brown after several baths.",
        ),
        ("ตลาดนัดวัวควายและงานจักสาน", "The buffalo market and basketry."),
        [
            (
                ("กาดวัวกาดควายสันป่าตอง", "San Pa Tong buffalo market"),
                ("ตลาดนัดวัวควายเก่าแก่ทุกเช้าวันเสาร์", "A Saturday-morning cattle market."),
            ),
            (("บ้านทุ่งสะโตก", "Ban Thung Satok"), ("หมู่บ้านจักสานไม้ไผ่", "A bamboo-basketry village.")),
        ],
    ),
    _d(
        "5013",
        "#9b1b30",
        ("ครั่งและคราม", "Lac and indigo"),
        ("แดงครั่ง น้ำเงินคราม", "lac red and indigo"),
        ("กลุ่มทอผ้าไหมบ้านสันกำแพง", "San Kamphaeng Silk Weavers"),
        ("บ้านสันกำแพง", "Ban San Kamphaeng"),
        (
            "ย้อมเส้นไหมด้วยครั่งและครามก่อนทอ ผ้าไหมสันกำแพงจึงมีสีแดงและน้ำเงินที่ลึกและทน",
            "Silk is dyed with lac and indigo before weaving, which gives San Kamphaeng silk its deep reds and blues.",
        ),
        ("ถนนสายหัตถกรรม ผ้าไหม ร่มบ่อสร้าง และศูนย์ OTOP", "The craft road: silk, Bo Sang umbrellas and the OTOP center."),
        [
            (
                ("หมู่บ้านทำร่มบ่อสร้าง", "Bo Sang Umbrella Village"),
                ("ชมการเขียนลายร่มกระดาษสาด้วยมือ", "Watch paper umbrellas painted by hand."),
            ),
            (
                ("ศูนย์จำหน่ายสินค้า OTOP สันกำแพง", "San Kamphaeng OTOP center"),
                ("ของดีจาก 25 อำเภอในที่เดียว", "The best of 25 districts under one roof."),
            ),
        ],
    ),
    _d(
        "5014",
        "#a0703a",
        ("เปลือกลำไย", "Longan bark"),
        ("น้ำตาลทอง", "golden brown"),
        ("กลุ่มผ้าย้อมลำไยสันทราย", "San Sai Longan Dyers"),
        ("บ้านหนองหาร", "Ban Nong Han"),
        (
            "ใช้เปลือกและกิ่งลำไยจากการตัดแต่งสวน ต้มย้อมได้สีน้ำตาลทอง",
            "Bark and prunings from the longan orchards are boiled into a golden brown.",
        ),
        ("สวนลำไยและไส้อั่วสูตรบ้าน", "Longan orchards and home-made sai ua."),
        [
            (("สวนลำไยสันทราย", "San Sai longan orchards"), ("ชิมลำไยสดในเดือนสิงหาคม", "Fresh longan in August.")),
            (("ตลาดแม่โจ้", "Mae Jo market"), ("ตลาดผักผลไม้ของชาวสวน", "Farmers' produce market.")),
        ],
    ),
    _d(
        "5015",
        "#6d4c2f",
        ("แก่นขี้เหล็ก", "Cassod-tree heartwood"),
        ("น้ำตาลเข้ม", "dark brown"),
        ("กลุ่มผ้าย้อมบ้านถวาย", "Ban Tawai Dye Group"),
        ("บ้านถวาย", "Ban Tawai"),
        (
            "ใช้เศษแก่นไม้จากโรงแกะสลักต้มย้อม ได้สีน้ำตาลเข้มเข้ากับงานไม้",
            "Heartwood offcuts from the carving workshops give a dark brown that matches the woodwork.",
        ),
        ("หมู่บ้านหัตถกรรมไม้แกะสลักที่ใหญ่ที่สุด", "The largest wood-carving village."),
        [
            (
                ("หมู่บ้านหัตถกรรมบ้านถวาย", "Ban Tawai handicraft village"),
                ("ร้านและโรงแกะสลักนับร้อย", "Hundreds of carving workshops and shops."),
            ),
            (("ตลาดหางดง", "Hang Dong market"), ("อาหารเหนือยามเย็น", "Northern food in the evening.")),
        ],
    ),
    _d(
        "5016",
        "#9e7b4f",
        ("เปลือกสีเสียด", "Cutch bark"),
        ("น้ำตาลกาแฟ", "coffee brown"),
        ("กลุ่มผ้าย้อมสีเสียดฮอด", "Hot Cutch Dyers"),
        ("บ้านหางดงฮอด", "Ban Hang Dong Hot"),
        (
            "ต้มเปลือกสีเสียดเข้มข้น ย้อมแล้วหมักโคลน ได้สีน้ำตาลกาแฟ",
            "A strong cutch-bark bath followed by mud fixing gives a coffee brown.",
        ),
        ("ผาช่อ ออบหลวง และลำไยอบแห้ง", "Canyons, Ob Luang and dried longan."),
        [
            (
                ("อุทยานแห่งชาติออบหลวง", "Ob Luang National Park"),
                ("หุบผาแคบและสะพานข้ามลำน้ำแม่แจ่ม", "A narrow gorge spanned by a bridge over the Mae Chaem river."),
            ),
            (("กลุ่มลำไยอบแห้งฮอด", "Hot dried-longan group"), ("ชมการอบลำไยแบบดั้งเดิม", "See longan dried the old way.")),
        ],
    ),
    _d(
        "5017",
        "#4b6f6a",
        ("ใบสัก", "Teak leaves"),
        ("ชมพูอมน้ำตาล", "rose brown"),
        ("กลุ่มจักสานและย้อมผ้าดอยเต่า", "Doi Tao Weaving and Dye Group"),
        ("บ้านดอยเต่า", "Ban Doi Tao"),
        (
            "ขยี้ใบสักอ่อนให้ได้น้ำสีแดง ย้อมเย็นแล้วจับด้วยสารส้ม ได้สีชมพูอมน้ำตาล",
            "Young teak leaves release a red juice; cold-dyed and fixed with alum they give a rose brown.",
        ),
        ("ทะเลสาบดอยเต่าและเรือนแพ", "Doi Tao lake and its houseboats."),
        [
            (("ทะเลสาบดอยเต่า", "Doi Tao Lake"), ("พักเรือนแพ ตกปลา ชมพระอาทิตย์ตก", "Houseboats, fishing and sunsets.")),
            (("กลุ่มหวายดอยเต่า", "Doi Tao rattan weavers"), ("งานจักสานหวายฝีมือชาวบ้าน", "Village rattan work.")),
        ],
    ),
    _d(
        "5018",
        "#2f4f3a",
        ("ใบฮ่อมป่า", "Wild indigo (Karen)"),
        ("น้ำเงินอมเขียว", "blue green"),
        ("กลุ่มทอผ้ากะเหรี่ยงแม่ตื่น", "Mae Tuen Karen Weavers"),
        ("บ้านแม่ตื่น", "Ban Mae Tuen"),
        (
            "ชาวปกาเกอะญอใช้ฮ่อมป่าย้อมด้ายก่อนทอด้วยกี่เอว ได้สีน้ำเงินอมเขียวลึก",
            "Pgaz K'nyau weavers dye yarn with wild indigo before weaving on back-strap looms.",
        ),
        ("ดอยม่อนจองและกาแฟปกาเกอะญอ", "Doi Mon Jong and Karen coffee."),
        [
            (("ดอยม่อนจอง", "Doi Mon Jong"), ("สันเขาหญ้าและดอกไม้ป่าในฤดูหนาว", "Grassy ridges and winter wildflowers.")),
            (("บ้านแม่ตื่น", "Ban Mae Tuen"), ("ชมการทอผ้ากี่เอว", "Back-strap loom weaving.")),
        ],
    ),
    _d(
        "5019",
        "#a3252f",
        ("ครั่ง", "Lac"),
        ("แดงเลือดนก", "crimson"),
        ("กลุ่มผ้าย้อมครั่งสารภี", "Saraphi Lac Dyers"),
        ("บ้านยางเนิ้ง", "Ban Yang Noeng"),
        ("ใช้ครั่งจากต้นจามจุรีในชุมชน ย้อมได้สีแดงเลือดนกสดใส", "Lac from the community's rain trees gives a bright crimson."),
        ("เวียงกุมกามและถนนต้นยาง", "Wiang Kum Kam and the avenue of yang trees."),
        [
            (
                ("เวียงกุมกาม", "Wiang Kum Kam"),
                ("เมืองโบราณก่อนสร้างเมืองเชียงใหม่", "The ancient city that came before Chiang Mai."),
            ),
            (
                ("ถนนต้นยางเชียงใหม่–ลำพูน", "Yang Na avenue"),
                ("ต้นยางนาอายุกว่าร้อยปีสองข้างทาง", "Century-old yang trees line the old road."),
            ),
        ],
    ),
    _d(
        "5020",
        "#52734d",
        ("ใบชา", "Tea leaves"),
        ("เขียวอมเหลือง", "tea green"),
        ("กลุ่มผ้าย้อมใบชาเปียงหลวง", "Piang Luang Tea-Leaf Dyers"),
        ("บ้านเปียงหลวง", "Ban Piang Luang"),
        (
            "ใช้ใบชาแก่จากสวนชาต้มย้อม จับสีด้วยสารส้ม ได้เขียวอมเหลืองอ่อน",
            "Old leaves from the tea gardens, fixed with alum, give a pale tea green.",
        ),
        ("ชายแดน สวนชา และวัฒนธรรมไทใหญ่", "Border hills, tea gardens and Shan culture."),
        [
            (("บ้านเปียงหลวง", "Ban Piang Luang"), ("หมู่บ้านชายแดนและสวนชา", "A border village among tea gardens.")),
            (("วัดฟ้าเวียงอินทร์", "Wat Fa Wiang In"), ("วัดศิลปะไทใหญ่บนชายแดน", "A Shan-style temple on the border.")),
        ],
    ),
    _d(
        "5021",
        "#e07b39",
        ("คำแสด", "Annatto"),
        ("ส้มแสด", "annatto orange"),
        ("กลุ่มผ้าย้อมคำแสดไชยปราการ", "Chai Prakan Annatto Dyers"),
        ("บ้านปง", "Ban Pong"),
        ("แช่เมล็ดคำแสดในน้ำด่างขี้เถ้า ย้อมได้สีส้มแสดสดใส", "Annatto seeds soaked in ash water give a vivid orange."),
        ("สวนส้มและสมุนไพรริมแม่น้ำฝาง", "Orchards and herb gardens along the Fang river."),
        [
            (("สวนสมุนไพรไชยปราการ", "Chai Prakan herb gardens"), ("สมุนไพรสำหรับสปาและยาหม่อง", "Herbs for spa balms.")),
            (("ตลาดไชยปราการ", "Chai Prakan market"), ("ส้มและผลไม้ตามฤดู", "Tangerines and seasonal fruit.")),
        ],
    ),
    _d(
        "5022",
        "#1f3a68",
        ("คราม", "Indigo"),
        ("น้ำเงินกรมท่า", "navy blue"),
        ("กลุ่มย้อมครามดอนเปา", "Don Pao Indigo Dyers"),
        ("บ้านดอนเปา", "Ban Don Pao"),
        (
            "ปลูกครามเอง หมักเนื้อครามในโอ่งดิน ย้อมผ้าฝ้ายจนได้น้ำเงินกรมท่า",
            "The group grows its own indigo, ferments it in clay jars and dyes cotton navy blue.",
        ),
        ("ล่องแพไม้ไผ่และป่าต้นน้ำแม่วาง", "Bamboo rafting and the Mae Wang forests."),
        [
            (
                ("ล่องแพไม้ไผ่แม่วาง", "Mae Wang bamboo rafting"),
                ("ล่องแพไม้ไผ่ตามลำน้ำแม่วาง", "Drift down the Mae Wang on a bamboo raft."),
            ),
            (("บ้านดอนเปา", "Ban Don Pao"), ("หม้อครามและผ้าฝ้ายย้อมคราม", "Indigo vats and indigo cotton.")),
        ],
    ),
    _d(
        "5023",
        "#7a5c3e",
        ("กากกาแฟ", "Coffee grounds and husk"),
        ("น้ำตาลกาแฟนม", "latte brown"),
        ("กลุ่มผ้าย้อมกาแฟแม่กำปอง", "Mae Kampong Coffee Dyers"),
        ("บ้านแม่กำปอง", "Ban Mae Kampong"),
        (
            "นำกากกาแฟและเปลือกเชอร์รีกาแฟจากร้านในหมู่บ้านมาต้มย้อม ได้สีน้ำตาลกาแฟนม",
            "Grounds and cherry husks from the village cafés are boiled into a soft latte brown.",
        ),
        ("หมู่บ้านแม่กำปองและบ่อน้ำร้อน", "Mae Kampong village and the hot springs."),
        [
            (
                ("หมู่บ้านแม่กำปอง", "Mae Kampong village"),
                ("หมู่บ้านบนดอยท่ามกลางสวนเมี่ยงและกาแฟ", "A hill village among tea and coffee gardens."),
            ),
            (
                ("บ่อน้ำพุร้อนสันกำแพง", "San Kamphaeng hot springs"),
                ("แช่น้ำแร่และต้มไข่", "Soak in the springs and boil an egg."),
            ),
        ],
    ),
    _d(
        "5024",
        "#8d8a84",
        ("ขี้เถ้าและโคลน", "Ash and river mud"),
        ("เทาขี้เถ้า", "ash grey"),
        ("กลุ่มผ้าฝ้ายทอมือดอยหล่อ", "Doi Lo Handwoven Cotton Group"),
        ("บ้านสองแคว", "Ban Song Khwae"),
        (
            "หมักผ้าฝ้ายในโคลนริมน้ำแล้วต้มกับน้ำขี้เถ้า ได้สีเทาละมุนแบบผ้าโบราณ",
            "Cotton is fermented in river mud and boiled with ash water for the soft grey of old cloth.",
        ),
        ("ทุ่งนาและช่างทอผ้าขาวม้า", "Rice fields and pha khao ma weavers."),
        [
            (
                ("บ้านสองแคว", "Ban Song Khwae"),
                ("ชมการทอผ้าขาวม้าและผ้าซิ่นลายขิด", "See pha khao ma and khit sarongs woven."),
            ),
            (("ทุ่งนาดอยหล่อ", "Doi Lo rice fields"), ("ทุ่งนาสีทองในฤดูเก็บเกี่ยว", "Golden fields at harvest time.")),
        ],
    ),
    _d(
        "5025",
        "#3d5a80",
        ("ฮ่อม", "Indigo (hom)"),
        ("น้ำเงินฮ่อม", "hom blue"),
        ("กลุ่มผ้าทอกะเหรี่ยงบ้านจันทร์", "Ban Chan Karen Textiles"),
        ("บ้านวัดจันทร์", "Ban Wat Chan"),
        (
            "ย้อมฮ่อมแบบปกาเกอะญอ ทอเป็นเสื้อและย่ามลายดั้งเดิม",
            "Pgaz K'nyau indigo, woven into traditional shirts and shoulder bags.",
        ),
        ("ป่าสนวัดจันทร์ อำเภอใหม่ล่าสุดของเชียงใหม่", "The Wat Chan pine forest, Chiang Mai's newest district."),
        [
            (("ป่าสนวัดจันทร์", "Wat Chan pine forest"), ("ป่าสนสองใบผืนใหญ่", "A great forest of two-needle pines.")),
            (("บ้านวัดจันทร์", "Ban Wat Chan"), ("หมู่บ้านปกาเกอะญอและผ้าทอมือ", "A Pgaz K'nyau village and its handweaving.")),
        ],
    ),
]
