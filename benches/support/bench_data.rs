//! The bench-data set: synthetic registries, news text and perturbed
//! queries, written by `examples/bench_data.rs` (with the transliteration
//! corpus of `corpus.rs`) and usable in process by benches.
//!
//! Every name is made here from syllables and name lists written for this
//! generator, each part with its spelling in the native script and three
//! romanizations (a: the usual one, Wikipedia / KMU 2010 / ELOT 743 / pinyin;
//! b: a second standard, BGN-like / phonetic Greek / Wade-Giles; c: German
//! / classical Greek / Cantonese). Nothing is read from the built-in tables
//! or from files, and nothing goes through nomen's own transliteration, so
//! the data stays the same when the tables or the schemes change, and the
//! romanized aliases are not nomen's output judged by nomen.

// Each bench uses only part of this module.
#![allow(dead_code)]

use std::collections::HashSet;

use super::{Inserted, Lcg, NewsShape, news_shaped};

/// A name part: native spelling, then romanizations a, b, c.
type Part = (&'static str, &'static str, &'static str, &'static str);

/// Where a synthetic name comes from: its language and script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Ru,
    Uk,
    El,
    Zh,
}

impl Origin {
    pub fn lang(self) -> &'static str {
        match self {
            Origin::Ru => "ru",
            Origin::Uk => "uk",
            Origin::El => "el",
            Origin::Zh => "zh",
        }
    }
}

/// A synthetic entity: its ID, kind, native name and three romanizations.
#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    pub kind: &'static str,
    pub origin: Origin,
    pub native: String,
    /// Romanizations a (the canonical name), b and c.
    pub latin: [String; 3],
    /// The rows of this entity in the registry: `(name, lang, type)`.
    pub aliases: Vec<(String, &'static str, &'static str)>,
}

// ---- name parts ------------------------------------------------------------

const RU_OPEN: &[Part] = &[
    ("ка", "ka", "ka", "ka"),
    ("ло", "lo", "lo", "lo"),
    ("ми", "mi", "mi", "mi"),
    ("ра", "ra", "ra", "ra"),
    ("со", "so", "so", "so"),
    ("во", "vo", "vo", "wo"),
    ("бе", "be", "be", "be"),
    ("ре", "re", "re", "re"),
    ("ни", "ni", "ni", "ni"),
    ("ша", "sha", "sha", "scha"),
    ("жу", "zhu", "zhu", "schu"),
    ("хо", "kho", "kho", "cho"),
    ("ще", "shche", "shche", "schtsche"),
    ("цы", "tsy", "tsy", "zy"),
    ("ча", "cha", "cha", "tscha"),
    ("лю", "lyu", "liu", "lju"),
    ("дя", "dya", "dia", "dja"),
    ("ки", "ki", "ki", "ki"),
    ("ге", "ge", "ge", "ge"),
    ("ту", "tu", "tu", "tu"),
    ("за", "za", "za", "sa"),
    ("пе", "pe", "pe", "pe"),
    ("ма", "ma", "ma", "ma"),
    ("ду", "du", "du", "du"),
    ("бо", "bo", "bo", "bo"),
    ("ля", "lya", "lia", "lja"),
    ("фе", "fe", "fe", "fe"),
    ("гу", "gu", "gu", "gu"),
    ("ро", "ro", "ro", "ro"),
    ("на", "na", "na", "na"),
    ("се", "se", "se", "se"),
    ("ти", "ti", "ti", "ti"),
    ("ко", "ko", "ko", "ko"),
    ("зы", "zy", "zy", "sy"),
    ("чи", "chi", "chi", "tschi"),
];
const RU_CLOSED: &[Part] = &[
    ("вер", "ver", "ver", "wer"),
    ("лин", "lin", "lin", "lin"),
    ("гор", "gor", "gor", "gor"),
    ("шев", "shev", "shev", "schew"),
    ("мол", "mol", "mol", "mol"),
    ("кар", "kar", "kar", "kar"),
    ("жар", "zhar", "zhar", "schar"),
    ("хар", "khar", "khar", "char"),
    ("тер", "ter", "ter", "ter"),
    ("бел", "bel", "bel", "bel"),
    ("сур", "sur", "sur", "sur"),
    ("зим", "zim", "zim", "sim"),
    ("дан", "dan", "dan", "dan"),
    ("пол", "pol", "pol", "pol"),
    ("мих", "mikh", "mikh", "mich"),
    ("лак", "lak", "lak", "lak"),
];
/// Russian surname endings after a consonant: (male, female).
const RU_END_C: &[(Part, Part)] = &[
    (("ов", "ov", "ov", "ow"), ("ова", "ova", "ova", "owa")),
    (("ин", "in", "in", "in"), ("ина", "ina", "ina", "ina")),
    (("ский", "sky", "skiy", "ski"), ("ская", "skaya", "skaya", "skaja")),
    (("ёв", "yov", "ev", "jow"), ("ёва", "yova", "eva", "jowa")),
];
/// Russian surname endings after a vowel.
const RU_END_V: &[(Part, Part)] = &[
    (("в", "v", "v", "w"), ("ва", "va", "va", "wa")),
    (("нов", "nov", "nov", "now"), ("нова", "nova", "nova", "nowa")),
    (("вский", "vsky", "vskiy", "wski"), ("вская", "vskaya", "vskaya", "wskaja")),
    (("шин", "shin", "shin", "schin"), ("шина", "shina", "shina", "schina")),
    (("нцев", "ntsev", "ntsev", "nzew"), ("нцева", "ntseva", "ntseva", "nzewa")),
];
const RU_MALE: &[Part] = &[
    ("Иван", "Ivan", "Ivan", "Iwan"),
    ("Алексей", "Aleksey", "Aleksei", "Alexej"),
    ("Дмитрий", "Dmitry", "Dmitriy", "Dmitri"),
    ("Сергей", "Sergey", "Sergei", "Sergej"),
    ("Андрей", "Andrey", "Andrei", "Andrej"),
    ("Михаил", "Mikhail", "Mikhail", "Michail"),
    ("Николай", "Nikolay", "Nikolai", "Nikolaj"),
    ("Павел", "Pavel", "Pavel", "Pawel"),
    ("Юрий", "Yury", "Yuriy", "Juri"),
    ("Владимир", "Vladimir", "Vladimir", "Wladimir"),
    ("Борис", "Boris", "Boris", "Boris"),
    ("Олег", "Oleg", "Oleg", "Oleg"),
    ("Григорий", "Grigory", "Grigoriy", "Grigori"),
    ("Евгений", "Yevgeny", "Yevgeniy", "Jewgeni"),
    ("Фёдор", "Fyodor", "Fedor", "Fjodor"),
    ("Константин", "Konstantin", "Konstantin", "Konstantin"),
    ("Виктор", "Viktor", "Viktor", "Wiktor"),
    ("Роман", "Roman", "Roman", "Roman"),
    ("Степан", "Stepan", "Stepan", "Stepan"),
    ("Аркадий", "Arkady", "Arkadiy", "Arkadi"),
    ("Тимофей", "Timofey", "Timofei", "Timofej"),
    ("Вадим", "Vadim", "Vadim", "Wadim"),
    ("Кирилл", "Kirill", "Kirill", "Kirill"),
    ("Максим", "Maksim", "Maksim", "Maxim"),
    ("Илья", "Ilya", "Il'ya", "Ilja"),
    ("Леонид", "Leonid", "Leonid", "Leonid"),
    ("Семён", "Semyon", "Semen", "Semjon"),
    ("Анатолий", "Anatoly", "Anatoliy", "Anatoli"),
    ("Вячеслав", "Vyacheslav", "Viacheslav", "Wjatscheslaw"),
    ("Геннадий", "Gennady", "Gennadiy", "Gennadi"),
];
const RU_FEMALE: &[Part] = &[
    ("Анна", "Anna", "Anna", "Anna"),
    ("Мария", "Mariya", "Mariia", "Marija"),
    ("Елена", "Yelena", "Elena", "Jelena"),
    ("Ольга", "Olga", "Ol'ga", "Olga"),
    ("Наталья", "Natalya", "Natal'ya", "Natalja"),
    ("Татьяна", "Tatyana", "Tat'yana", "Tatjana"),
    ("Ирина", "Irina", "Irina", "Irina"),
    ("Светлана", "Svetlana", "Svetlana", "Swetlana"),
    ("Екатерина", "Yekaterina", "Ekaterina", "Jekaterina"),
    ("Юлия", "Yuliya", "Iuliia", "Julija"),
    ("Ксения", "Kseniya", "Kseniia", "Xenija"),
    ("Дарья", "Darya", "Dar'ya", "Darja"),
    ("Людмила", "Lyudmila", "Liudmila", "Ljudmila"),
    ("Вера", "Vera", "Vera", "Wera"),
    ("Галина", "Galina", "Galina", "Galina"),
    ("Полина", "Polina", "Polina", "Polina"),
    ("Алёна", "Alyona", "Alena", "Aljona"),
    ("Зоя", "Zoya", "Zoia", "Soja"),
    ("Нина", "Nina", "Nina", "Nina"),
    ("Валентина", "Valentina", "Valentina", "Walentina"),
];
/// Russian town endings after a consonant.
const RU_TOWN_C: &[Part] = &[
    ("ск", "sk", "sk", "sk"),
    ("ово", "ovo", "ovo", "owo"),
    ("град", "grad", "grad", "grad"),
    ("ин", "in", "in", "in"),
];
const RU_TOWN_V: &[Part] = &[
    ("вск", "vsk", "vsk", "wsk"),
    ("поль", "pol", "pol'", "pol"),
    ("горск", "gorsk", "gorsk", "gorsk"),
    ("вка", "vka", "vka", "wka"),
];

const UK_OPEN: &[Part] = &[
    ("ко", "ko", "ko", "ko"),
    ("ри", "ry", "ry", "ry"),
    ("ні", "ni", "ni", "ni"),
    ("го", "ho", "ho", "ho"),
    ("ва", "va", "va", "wa"),
    ("ли", "ly", "ly", "ly"),
    ("ше", "she", "she", "sche"),
    ("ти", "ty", "ty", "ty"),
    ("по", "po", "po", "po"),
    ("бі", "bi", "bi", "bi"),
    ("да", "da", "da", "da"),
    ("си", "sy", "sy", "sy"),
    ("мо", "mo", "mo", "mo"),
    ("гри", "hry", "hry", "hry"),
    ("ку", "ku", "ku", "ku"),
    ("ле", "le", "le", "le"),
    ("ро", "ro", "ro", "ro"),
    ("жи", "zhy", "zhy", "shy"),
    ("хо", "kho", "kho", "cho"),
    ("ца", "tsa", "tsa", "za"),
    ("ча", "cha", "cha", "tscha"),
    ("ню", "niu", "nyu", "nju"),
    ("кі", "ki", "ki", "ki"),
    ("ба", "ba", "ba", "ba"),
    ("сто", "sto", "sto", "sto"),
    ("ґа", "ga", "ga", "ga"),
    ("ща", "shcha", "shcha", "schtscha"),
    ("зі", "zi", "zi", "si"),
    ("ту", "tu", "tu", "tu"),
    ("ми", "my", "my", "my"),
];
const UK_CLOSED: &[Part] = &[
    ("тар", "tar", "tar", "tar"),
    ("гор", "hor", "hor", "hor"),
    ("мель", "mel", "mel'", "mel"),
    ("лит", "lyt", "lyt", "lyt"),
    ("бор", "bor", "bor", "bor"),
    ("дуб", "dub", "dub", "dub"),
    ("сав", "sav", "sav", "saw"),
    ("пан", "pan", "pan", "pan"),
    ("кир", "kyr", "kyr", "kyr"),
    ("шев", "shev", "shev", "schew"),
    ("гнат", "hnat", "hnat", "hnat"),
    ("їж", "yizh", "yizh", "jisch"),
];
const UK_END_C: &[(Part, Part)] = &[
    (("енко", "enko", "enko", "enko"), ("енко", "enko", "enko", "enko")),
    (("ук", "uk", "uk", "uk"), ("ук", "uk", "uk", "uk")),
    (("ський", "skyi", "skyy", "skyj"), ("ська", "ska", "ska", "ska")),
    (("ак", "ak", "ak", "ak"), ("ак", "ak", "ak", "ak")),
    (("ич", "ych", "ych", "ytsch"), ("ич", "ych", "ych", "ytsch")),
];
const UK_END_V: &[(Part, Part)] = &[
    (("шенко", "shenko", "shenko", "schenko"), ("шенко", "shenko", "shenko", "schenko")),
    (("вчук", "vchuk", "vchuk", "wtschuk"), ("вчук", "vchuk", "vchuk", "wtschuk")),
    (("нюк", "niuk", "nyuk", "njuk"), ("нюк", "niuk", "nyuk", "njuk")),
    (("вський", "vskyi", "vskyy", "wskyj"), ("вська", "vska", "vska", "wska")),
    (("єнко", "ienko", "yenko", "jenko"), ("єнко", "ienko", "yenko", "jenko")),
];
const UK_MALE: &[Part] = &[
    ("Іван", "Ivan", "Ivan", "Iwan"),
    ("Олександр", "Oleksandr", "Oleksandr", "Oleksandr"),
    ("Андрій", "Andrii", "Andriy", "Andrij"),
    ("Дмитро", "Dmytro", "Dmytro", "Dmytro"),
    ("Сергій", "Serhii", "Serhiy", "Serhij"),
    ("Микола", "Mykola", "Mykola", "Mykola"),
    ("Петро", "Petro", "Petro", "Petro"),
    ("Василь", "Vasyl", "Vasyl'", "Wassyl"),
    ("Юрій", "Yurii", "Yuriy", "Jurij"),
    ("Богдан", "Bohdan", "Bohdan", "Bohdan"),
    ("Тарас", "Taras", "Taras", "Taras"),
    ("Остап", "Ostap", "Ostap", "Ostap"),
    ("Ярослав", "Yaroslav", "Yaroslav", "Jaroslaw"),
    ("Віталій", "Vitalii", "Vitaliy", "Witalij"),
    ("Олег", "Oleh", "Oleh", "Oleh"),
    ("Григорій", "Hryhorii", "Hryhoriy", "Hryhorij"),
    ("Степан", "Stepan", "Stepan", "Stepan"),
    ("Роман", "Roman", "Roman", "Roman"),
    ("Володимир", "Volodymyr", "Volodymyr", "Wolodymyr"),
    ("Євген", "Yevhen", "Yevhen", "Jewhen"),
];
const UK_FEMALE: &[Part] = &[
    ("Олена", "Olena", "Olena", "Olena"),
    ("Оксана", "Oksana", "Oksana", "Oksana"),
    ("Наталія", "Nataliia", "Nataliya", "Natalija"),
    ("Ірина", "Iryna", "Iryna", "Iryna"),
    ("Тетяна", "Tetiana", "Tetyana", "Tetjana"),
    ("Юлія", "Yuliia", "Yuliya", "Julija"),
    ("Галина", "Halyna", "Halyna", "Halyna"),
    ("Марія", "Mariia", "Mariya", "Marija"),
    ("Ганна", "Hanna", "Hanna", "Hanna"),
    ("Світлана", "Svitlana", "Svitlana", "Switlana"),
    ("Людмила", "Liudmyla", "Lyudmyla", "Ljudmyla"),
    ("Катерина", "Kateryna", "Kateryna", "Kateryna"),
    ("Софія", "Sofiia", "Sofiya", "Sofija"),
    ("Лариса", "Larysa", "Larysa", "Larysa"),
];
const UK_TOWN_C: &[Part] = &[
    ("івка", "ivka", "ivka", "iwka"),
    ("ськ", "sk", "s'k", "sk"),
    ("ичі", "ychi", "ychi", "ytschi"),
    ("иця", "ytsia", "ytsya", "yzja"),
];
const UK_TOWN_V: &[Part] = &[
    ("піль", "pil", "pil'", "pil"),
    ("городок", "horodok", "horodok", "horodok"),
    ("вка", "vka", "vka", "wka"),
    ("ничі", "nychi", "nychi", "nytschi"),
];

/// Greek syllables; each ends in one vowel letter in every spelling, so the
/// last one of a stem can lose it before an ending.
const EL_OPEN: &[Part] = &[
    ("πα", "pa", "pa", "pa"),
    ("λα", "la", "la", "la"),
    ("κα", "ka", "ka", "ka"),
    ("μα", "ma", "ma", "ma"),
    ("νο", "no", "no", "no"),
    ("ρι", "ri", "ri", "ri"),
    ("θε", "the", "the", "the"),
    ("χα", "cha", "ha", "cha"),
    ("δη", "di", "dhi", "de"),
    ("γε", "ge", "ye", "ge"),
    ("βα", "va", "va", "ba"),
    ("ξε", "xe", "xe", "xe"),
    ("τσα", "tsa", "tsa", "tsa"),
    ("κο", "ko", "ko", "ko"),
    ("στε", "ste", "ste", "ste"),
    ("μη", "mi", "mi", "me"),
    ("τρι", "tri", "tri", "tri"),
    ("χρι", "chri", "hri", "chri"),
    ("λε", "le", "le", "le"),
    ("δα", "da", "dha", "da"),
    ("πο", "po", "po", "po"),
    ("σα", "sa", "sa", "sa"),
    ("νι", "ni", "ni", "ni"),
    ("θο", "tho", "tho", "tho"),
    ("ζα", "za", "za", "za"),
    ("βλα", "vla", "vla", "bla"),
    ("φι", "fi", "fi", "phi"),
    ("γκο", "gko", "go", "go"),
];
const EL_END: &[(Part, Part)] = &[
    (("όπουλος", "opoulos", "opulos", "opoulos"), ("οπούλου", "opoulou", "opulu", "opoulou")),
    (("ίδης", "idis", "idhis", "ides"), ("ίδου", "idou", "idhu", "idou")),
    (("άκης", "akis", "akis", "akes"), ("άκη", "aki", "aki", "ake")),
    (("άτος", "atos", "atos", "atos"), ("άτου", "atou", "atu", "atou")),
    (("ίου", "iou", "iu", "iou"), ("ίου", "iou", "iu", "iou")),
];
const EL_MALE: &[Part] = &[
    ("Γιώργος", "Giorgos", "Yiorgos", "Georgios"),
    ("Νίκος", "Nikos", "Nikos", "Nikolaos"),
    ("Δημήτρης", "Dimitris", "Dhimitris", "Demetrios"),
    ("Κώστας", "Kostas", "Kostas", "Konstantinos"),
    ("Γιάννης", "Giannis", "Yannis", "Ioannis"),
    ("Παναγιώτης", "Panagiotis", "Panayiotis", "Panagiotes"),
    ("Χρήστος", "Christos", "Hristos", "Christos"),
    ("Αντώνης", "Antonis", "Andonis", "Antonios"),
    ("Μιχάλης", "Michalis", "Mihalis", "Michael"),
    ("Σπύρος", "Spyros", "Spiros", "Spyridon"),
    ("Θανάσης", "Thanasis", "Thanasis", "Athanasios"),
    ("Βασίλης", "Vasilis", "Vasilis", "Basileios"),
];
const EL_FEMALE: &[Part] = &[
    ("Μαρία", "Maria", "Maria", "Maria"),
    ("Ελένη", "Eleni", "Eleni", "Helene"),
    ("Κατερίνα", "Katerina", "Katerina", "Aikaterine"),
    ("Σοφία", "Sofia", "Sofia", "Sophia"),
    ("Δήμητρα", "Dimitra", "Dhimitra", "Demetra"),
    ("Αναστασία", "Anastasia", "Anastasia", "Anastasia"),
    ("Γεωργία", "Georgia", "Yeoryia", "Georgia"),
    ("Ευαγγελία", "Evangelia", "Evangelia", "Euangelia"),
];

/// Chinese surnames: character, pinyin, Wade-Giles, Cantonese.
const ZH_SURNAMES: &[Part] = &[
    ("王", "Wang", "Wang", "Wong"),
    ("李", "Li", "Li", "Lee"),
    ("张", "Zhang", "Chang", "Cheung"),
    ("刘", "Liu", "Liu", "Lau"),
    ("陈", "Chen", "Ch'en", "Chan"),
    ("杨", "Yang", "Yang", "Yeung"),
    ("黄", "Huang", "Huang", "Wong"),
    ("赵", "Zhao", "Chao", "Chiu"),
    ("吴", "Wu", "Wu", "Ng"),
    ("周", "Zhou", "Chou", "Chow"),
    ("徐", "Xu", "Hsü", "Tsui"),
    ("孙", "Sun", "Sun", "Suen"),
    ("马", "Ma", "Ma", "Ma"),
    ("朱", "Zhu", "Chu", "Chu"),
    ("胡", "Hu", "Hu", "Wu"),
    ("郭", "Guo", "Kuo", "Kwok"),
    ("何", "He", "Ho", "Ho"),
    ("高", "Gao", "Kao", "Ko"),
    ("林", "Lin", "Lin", "Lam"),
    ("罗", "Luo", "Lo", "Law"),
    ("郑", "Zheng", "Cheng", "Cheng"),
    ("梁", "Liang", "Liang", "Leung"),
    ("谢", "Xie", "Hsieh", "Tse"),
    ("宋", "Song", "Sung", "Sung"),
    ("唐", "Tang", "T'ang", "Tong"),
    ("韩", "Han", "Han", "Hon"),
    ("冯", "Feng", "Feng", "Fung"),
    ("邓", "Deng", "Teng", "Tang"),
    ("曹", "Cao", "Ts'ao", "Tso"),
    ("彭", "Peng", "P'eng", "Pang"),
    ("曾", "Zeng", "Tseng", "Tsang"),
    ("肖", "Xiao", "Hsiao", "Siu"),
    ("田", "Tian", "T'ien", "Tin"),
    ("董", "Dong", "Tung", "Tung"),
    ("袁", "Yuan", "Yüan", "Yuen"),
    ("潘", "Pan", "P'an", "Poon"),
    ("蒋", "Jiang", "Chiang", "Cheung"),
    ("蔡", "Cai", "Ts'ai", "Choi"),
    ("余", "Yu", "Yü", "Yu"),
    ("杜", "Du", "Tu", "To"),
];
/// Characters of given names, lower-case romanizations (none starts with a
/// vowel, so pinyin needs no apostrophe between them).
const ZH_GIVEN: &[Part] = &[
    ("伟", "wei", "wei", "wai"),
    ("芳", "fang", "fang", "fong"),
    ("敏", "min", "min", "man"),
    ("静", "jing", "ching", "ching"),
    ("丽", "li", "li", "lai"),
    ("强", "qiang", "ch'iang", "keung"),
    ("磊", "lei", "lei", "lui"),
    ("军", "jun", "chün", "kwan"),
    ("洋", "yang", "yang", "yeung"),
    ("勇", "yong", "yung", "yung"),
    ("艳", "yan", "yen", "yim"),
    ("杰", "jie", "chieh", "kit"),
    ("涛", "tao", "t'ao", "to"),
    ("明", "ming", "ming", "ming"),
    ("超", "chao", "ch'ao", "chiu"),
    ("秀", "xiu", "hsiu", "sau"),
    ("英", "ying", "ying", "ying"),
    ("华", "hua", "hua", "wah"),
    ("建", "jian", "chien", "kin"),
    ("国", "guo", "kuo", "kwok"),
    ("平", "ping", "p'ing", "ping"),
    ("文", "wen", "wen", "man"),
    ("东", "dong", "tung", "tung"),
    ("海", "hai", "hai", "hoi"),
    ("晓", "xiao", "hsiao", "hiu"),
    ("红", "hong", "hung", "hung"),
    ("春", "chun", "ch'un", "chun"),
    ("志", "zhi", "chih", "chi"),
    ("新", "xin", "hsin", "san"),
    ("宇", "yu", "yü", "yu"),
    ("辉", "hui", "hui", "fai"),
    ("鹏", "peng", "p'eng", "pang"),
    ("斌", "bin", "pin", "pan"),
    ("婷", "ting", "t'ing", "ting"),
    ("玉", "yu", "yü", "yuk"),
    ("晨", "chen", "ch'en", "san"),
    ("云", "yun", "yün", "wan"),
    ("峰", "feng", "feng", "fung"),
    ("嘉", "jia", "chia", "ka"),
    ("凯", "kai", "k'ai", "hoi"),
    ("龙", "long", "lung", "lung"),
    ("梅", "mei", "mei", "mui"),
    ("琳", "lin", "lin", "lam"),
    ("荣", "rong", "jung", "wing"),
    ("德", "de", "te", "tak"),
    ("成", "cheng", "ch'eng", "shing"),
    ("光", "guang", "kuang", "kwong"),
    ("永", "yong", "yung", "wing"),
    ("慧", "hui", "hui", "wai"),
    ("波", "bo", "po", "po"),
];

// ---- the news text ----------------------------------------------------------

/// English news vocabulary (a few capitalised words that are not names).
const EN_NEWS: &[&str] = &[
    "the",
    "the",
    "the",
    "of",
    "of",
    "and",
    "and",
    "to",
    "to",
    "in",
    "in",
    "a",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "was",
    "by",
    "at",
    "from",
    "it",
    "has",
    "have",
    "be",
    "are",
    "an",
    "its",
    "not",
    "but",
    "this",
    "which",
    "who",
    "after",
    "their",
    "had",
    "were",
    "they",
    "been",
    "more",
    "will",
    "would",
    "also",
    "government",
    "minister",
    "president",
    "officials",
    "said",
    "told",
    "reporters",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "according",
    "statement",
    "spokesman",
    "ministry",
    "foreign",
    "defence",
    "troops",
    "forces",
    "military",
    "border",
    "attack",
    "missile",
    "drone",
    "strikes",
    "city",
    "region",
    "capital",
    "talks",
    "meeting",
    "summit",
    "agreement",
    "sanctions",
    "economy",
    "bank",
    "oil",
    "gas",
    "prices",
    "markets",
    "percent",
    "billion",
    "million",
    "year",
    "week",
    "month",
    "people",
    "police",
    "court",
    "ruling",
    "judge",
    "election",
    "vote",
    "Parliament",
    "party",
    "opposition",
    "leader",
    "country",
    "state",
    "national",
    "international",
    "security",
    "council",
    "war",
    "peace",
    "ceasefire",
    "negotiations",
    "aid",
    "support",
    "weapons",
    "energy",
    "exports",
    "company",
    "chief",
    "executive",
    "investors",
    "shares",
    "report",
    "news",
    "agency",
    "sources",
    "familiar",
    "matter",
    "declined",
    "comment",
    "interview",
    "conference",
    "visit",
    "warned",
    "called",
    "urged",
    "pledged",
    "announced",
    "denied",
    "accused",
    "confirmed",
    "rejected",
    "expected",
    "could",
    "should",
    "may",
    "new",
    "first",
    "last",
    "several",
    "many",
    "some",
    "other",
    "during",
    "before",
    "while",
    "since",
    "over",
    "against",
    "between",
    "about",
    "into",
    "through",
    "across",
    "without",
    "January",
    "March",
    "Reuters",
];

// ---- names -----------------------------------------------------------------

/// A name being built: native spelling and romanizations a, b, c.
#[derive(Default, Clone)]
struct Spelling {
    native: String,
    latin: [String; 3],
}

impl Spelling {
    fn push(&mut self, part: &Part) {
        self.native.push_str(part.0);
        self.latin[0].push_str(part.1);
        self.latin[1].push_str(part.2);
        self.latin[2].push_str(part.3);
    }
    /// Drops the last letter of every spelling (a vowel before an ending).
    fn drop_vowel(&mut self) {
        self.native.pop();
        for l in &mut self.latin {
            l.pop();
        }
    }
    fn space(&mut self, native: &str) {
        self.native.push_str(native);
        for l in &mut self.latin {
            l.push(' ');
        }
    }
    /// Appends `parts` to each spelling as one capitalised word.
    fn word(&mut self, parts: Spelling) {
        self.native.push_str(&capitalize(&parts.native));
        for (l, p) in self.latin.iter_mut().zip(parts.latin) {
            l.push_str(&capitalize(&p));
        }
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A surname or town stem: one or two open syllables, then a closed one
/// half of the time. Returns the stem and whether it ends in a vowel.
fn stem(rng: &mut Lcg, open: &[Part], closed: &[Part]) -> (Spelling, bool) {
    let mut s = Spelling::default();
    for _ in 0..1 + rng.next() % 2 {
        s.push(rng.pick(open));
    }
    if closed.is_empty() || rng.next() % 2 == 0 {
        (s, true)
    } else {
        s.push(rng.pick(closed));
        (s, false)
    }
}

fn person(rng: &mut Lcg, origin: Origin) -> Spelling {
    let female = rng.next() % 3 == 0;
    let mut name = Spelling::default();
    match origin {
        Origin::Ru | Origin::Uk => {
            let (male, fem, open, closed, end_v, end_c) = if origin == Origin::Ru {
                (RU_MALE, RU_FEMALE, RU_OPEN, RU_CLOSED, RU_END_V, RU_END_C)
            } else {
                (UK_MALE, UK_FEMALE, UK_OPEN, UK_CLOSED, UK_END_V, UK_END_C)
            };
            name.push(rng.pick(if female { fem } else { male }));
            name.space(" ");
            let (mut surname, vowel) = stem(rng, open, closed);
            let (m, f) = rng.pick(if vowel { end_v } else { end_c });
            surname.push(if female { f } else { m });
            name.word(surname);
        }
        Origin::El => {
            name.push(rng.pick(if female { EL_FEMALE } else { EL_MALE }));
            name.space(" ");
            let (mut surname, _) = stem(rng, EL_OPEN, &[]);
            surname.drop_vowel();
            let (m, f) = rng.pick(EL_END);
            surname.push(if female { f } else { m });
            name.word(surname);
        }
        Origin::Zh => {
            let surname = rng.pick(ZH_SURNAMES);
            name.push(surname);
            name.space("");
            let mut given = Spelling::default();
            given.push(rng.pick(ZH_GIVEN));
            if rng.next() % 4 != 0 {
                let second = rng.pick(ZH_GIVEN);
                // Wade-Giles and Cantonese hyphenate the two syllables.
                given.latin[1].push('-');
                given.latin[2].push('-');
                given.push(second);
            }
            name.word(given);
        }
    }
    name
}

fn town(rng: &mut Lcg, origin: Origin) -> Spelling {
    let (open, closed, end_v, end_c) = match origin {
        Origin::Uk => (UK_OPEN, UK_CLOSED, UK_TOWN_V, UK_TOWN_C),
        _ => (RU_OPEN, RU_CLOSED, RU_TOWN_V, RU_TOWN_C),
    };
    let (mut s, vowel) = stem(rng, open, closed);
    s.push(rng.pick(if vowel { end_v } else { end_c }));
    let mut name = Spelling::default();
    name.word(s);
    name
}

fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Synthetic entities with about `aliases` registry rows in all (about three
/// per entity: the canonical romanization, the native name, one or two other
/// romanizations). People of Russian (40%), Ukrainian (30%), Greek (10%) and
/// Chinese (10%) origin, and Russian and Ukrainian towns (10%). Every alias
/// belongs to one entity only (compared case-insensitively).
pub fn entities(aliases: usize, seed: u64) -> Vec<Entity> {
    let mut rng = Lcg::new(seed);
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    let mut rows = 0;
    while rows < aliases {
        let roll = rng.next() % 10;
        let (origin, kind) = match roll {
            0..=3 => (Origin::Ru, "person"),
            4..=6 => (Origin::Uk, "person"),
            7 => (Origin::El, "person"),
            8 => (Origin::Zh, "person"),
            _ => (if rng.next() % 2 == 0 { Origin::Ru } else { Origin::Uk }, "city"),
        };
        let name = if kind == "person" { person(&mut rng, origin) } else { town(&mut rng, origin) };
        let extra = rng.next() % 4;
        if !taken.insert(name.latin[0].to_lowercase()) {
            continue;
        }
        let [a, b, c] = name.latin.clone();
        let mut list = vec![(a.clone(), "en", "canonical")];
        let mut add = |n: &str, lang: &'static str, list: &mut Vec<(String, &'static str, &'static str)>| {
            if taken.insert(n.to_lowercase()) {
                list.push((n.to_string(), lang, "alias"));
            }
        };
        add(&name.native, origin.lang(), &mut list);
        let c_lang = if matches!(origin, Origin::Ru | Origin::Uk) { "de" } else { "en" };
        // One other romanization (b, or c when b is the same as a); a
        // quarter of the entities get both.
        if b != a {
            add(&b, "en", &mut list);
            if extra == 0 && c != a {
                add(&c, c_lang, &mut list);
            }
        } else if c != a {
            add(&c, c_lang, &mut list);
        }
        rows += list.len();
        out.push(Entity {
            id: format!("{kind}:{}", slug(&a)),
            kind,
            origin,
            native: name.native,
            latin: name.latin,
            aliases: list,
        });
    }
    out
}

/// The registry TSV of the first `rows` alias rows of `entities` (cut at a
/// row, so the last entity may have fewer aliases); returns the text and how
/// many entities it has.
pub fn registry_tsv(entities: &[Entity], rows: usize) -> (String, usize) {
    let mut out = String::from(
        "# Synthetic alias table made by examples/bench_data.rs (bench data: never commit).\n\
         id\tkind\tname\tlang\ttype\n",
    );
    let mut n = 0;
    let mut count = 0;
    for e in entities {
        if n >= rows {
            break;
        }
        count += 1;
        for (name, lang, ty) in &e.aliases {
            if n >= rows {
                break;
            }
            out.push_str(&format!("{}\t{}\t{}\t{}\t{}\n", e.id, e.kind, name, lang, ty));
            n += 1;
        }
    }
    (out, count)
}

/// The Latin-script aliases of the first `count` entities, each with its ID:
/// the names the news text mentions.
pub fn latin_aliases(entities: &[Entity], count: usize) -> Vec<(String, String)> {
    entities[..count]
        .iter()
        .flat_map(|e| {
            e.aliases
                .iter()
                .filter(|(name, _, _)| {
                    name.chars().all(|c| c.is_ascii() || c.is_alphabetic() && c < '\u{250}')
                })
                .map(move |(name, _, _)| (name.clone(), e.id.clone()))
        })
        .collect()
}

/// English news-like text of about `bytes` bytes mentioning `names`: a name
/// in about one word in 25, a fifth of them possessive (’s or 's),
/// sentences of 12 to 30 words, paragraphs of 5 sentences.
pub fn news_text(names: &[(String, String)], bytes: usize, seed: u64) -> (String, Vec<Inserted>) {
    let just_names: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
    let shape = NewsShape {
        filler: EN_NEWS,
        words: (12, 30),
        lead_name: false,
        name_one_in: 25,
        possessive_one_in: 5,
        possessives: &["’s", "'s"],
        capitalize: true,
        paragraph: 5,
    };
    news_shaped(&just_names, bytes, seed, &shape)
}

/// Queries for resolve benches: aliases of the first `count` entities,
/// perturbed (20% unchanged, 15% case, 20% word order, 25% another
/// romanization, 20% a typo), none of them another entity's alias.
/// Returns `(query, expected id)`.
pub fn queries(entities: &[Entity], count: usize, n: usize, seed: u64) -> Vec<(String, String)> {
    let owner: std::collections::HashMap<String, &str> = entities
        .iter()
        .flat_map(|e| e.aliases.iter().map(move |a| (a.0.to_lowercase(), e.id.as_str())))
        .collect();
    let mut rng = Lcg::new(seed);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let e = &entities[(rng.next() as usize) % count];
        let latin: Vec<&str> = e.aliases.iter().map(|a| a.0.as_str()).filter(|a| a.is_ascii()).collect();
        let Some(&base) = latin.get((rng.next() as usize) % latin.len().max(1)) else { continue };
        let q = match rng.next() % 20 {
            0..=3 => e.aliases[(rng.next() as usize) % e.aliases.len()].0.clone(),
            4..=6 => {
                if rng.next() % 2 == 0 {
                    base.to_lowercase()
                } else {
                    base.to_uppercase()
                }
            }
            7..=10 if base.contains(' ') => {
                let mut words: Vec<&str> = base.split(' ').collect();
                words.reverse();
                words.join(" ")
            }
            11..=15 => other_romanization(e, &mut rng),
            _ => typo(base, &mut rng),
        };
        // A perturbation that lands on another entity's alias is not a
        // query for this one.
        if owner.get(&q.to_lowercase()).is_some_and(|id| *id != e.id) {
            continue;
        }
        out.push((q, e.id.clone()));
    }
    out
}

/// A romanization of `e` that is not in the registry, if it has one; else
/// its canonical name with a common spelling variance applied.
fn other_romanization(e: &Entity, rng: &mut Lcg) -> String {
    let unused: Vec<&String> = e.latin.iter().filter(|l| !e.aliases.iter().any(|a| &a.0 == *l)).collect();
    if !unused.is_empty() {
        return rng.pick(&unused).to_string();
    }
    const VARIANCE: &[(&str, &str)] = &[
        ("y", "i"),
        ("kh", "h"),
        ("ks", "x"),
        ("v", "w"),
        ("ts", "tz"),
        ("iy", "ij"),
        ("ou", "u"),
        ("ch", "tch"),
    ];
    let a = &e.latin[0];
    let start = (rng.next() as usize) % VARIANCE.len();
    for k in 0..VARIANCE.len() {
        let (from, to) = VARIANCE[(start + k) % VARIANCE.len()];
        if a.contains(from) {
            return a.replacen(from, to, 1);
        }
    }
    a.to_lowercase()
}

/// One edit in a word of `name` (not its first letter): a letter changed,
/// dropped, doubled or swapped with the next.
fn typo(name: &str, rng: &mut Lcg) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let word_starts: Vec<usize> =
        (0..chars.len()).filter(|&i| i == 0 || chars[i - 1] == ' ' || chars[i - 1] == '-').collect();
    let start = *rng.pick(&word_starts);
    let end = (start..chars.len()).find(|&i| chars[i] == ' ' || chars[i] == '-').unwrap_or(chars.len());
    if end - start < 3 {
        return name.to_lowercase();
    }
    let i = start + 1 + (rng.next() as usize) % (end - start - 1);
    match rng.next() % 4 {
        0 => {
            let vowels = ['a', 'e', 'i', 'o', 'u', 'y'];
            let mut v = *rng.pick(&vowels);
            if v == chars[i] {
                v = 'e';
            }
            chars[i] = v;
        }
        1 => {
            chars.remove(i);
        }
        2 => chars.insert(i, chars[i]),
        _ => {
            if i + 1 < end {
                chars.swap(i, i + 1);
            } else {
                chars.swap(i - 1, i);
            }
        }
    }
    chars.into_iter().collect()
}
