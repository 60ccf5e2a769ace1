//! The transliteration corpus (benches/translit.rs). Not every bench that
//! includes `support` uses it.
#![allow(dead_code)]

// Sentences for the transliteration corpus, written for nomen's benches in
// the shape of ../shared/bench/README.md (news-like, names and places,
// every corner a scheme has: word-initial є ї, зг, ё, apostrophes, αυ/ευ,
// μπ/ντ, polyphonic Han characters).
const TR_RU: &[&str] = &[
    "Премьер-министр Михаил Мишустин провёл заседание правительства в Доме Советов.",
    "Глава МИД Сергей Лавров встретился с коллегой из Турции в Анкаре.",
    "В Новосибирске и Красноярске ожидаются сильные морозы до сорока градусов.",
    "Ёлкин и Щукин выиграли первенство по шахматам в Ярославле.",
    "Мэр Москвы Сергей Собянин открыл новую станцию метро «Лефортово».",
    "Подъём уровня воды в Амуре угрожает посёлкам Хабаровского края.",
    "Государственная дума приняла бюджет на следующий год в третьем чтении.",
    "Эксперты Высшей школы экономики объяснили рост цен на бензин.",
    "Юрий Гагарин стартовал с космодрома Байконур 12 апреля 1961 года.",
    "Жители Владивостока жалуются на перебои с электричеством.",
    "Центробанк сохранил ключевую ставку, сообщила Эльвира Набиуллина.",
    "Чайковский и Рахманинов остаются самыми исполняемыми композиторами.",
    "В Калининграде задержали сотрудника компании «Ростелеком».",
    "Объём торгов на Мосбирже вырос на треть за первое полугодие.",
];
const TR_UK: &[&str] = &[
    "Прем'єр-міністр Денис Шмигаль провів засідання уряду в Києві.",
    "Міністр оборони Рустем Умєров зустрівся з партнерами в Брюсселі.",
    "У Чернігові, Сумах і Полтаві відновили подачу електроенергії.",
    "Їжакевич і Єременко отримали нагороди за оборону Маріуполя.",
    "Згорани та Розгін увійшли до нової громади на Волині.",
    "Голова Національного банку Андрій Пишний прокоментував курс гривні.",
    "Ужгород, Мукачево та Берегове приймають переселенців зі сходу.",
    "Ґалаґан і Ґорґани згадуються в довіднику з історії краю.",
    "Верховна Рада підтримала законопроєкт про реформу освіти.",
    "Мешканці Знам'янки та В'язівка отримали гуманітарну допомогу.",
    "Олександр Усик захистив титул чемпіона світу в Ер-Ріяді.",
    "Укрзалізниця призначила додаткові поїзди до Львова та Ужгорода.",
];
const TR_EL: &[&str] = &[
    "Ο υπουργός Οικονομικών Κωστής Χατζηδάκης μίλησε στη Βουλή για τον προϋπολογισμό.",
    "Ισχυροί άνεμοι έπληξαν την Εύβοια και τις Κυκλάδες το πρωί της Δευτέρας.",
    "Η Ντόρα Μπακογιάννη και ο Ευάγγελος Βενιζέλος συναντήθηκαν στο Ναύπλιο.",
    "Το πλοίο αναχώρησε από τον Πειραιά για την Κέρκυρα και την Ηγουμενίτσα.",
];
const TR_ZH: &[&str] = &[
    "国务院总理李强在重庆主持召开座谈会。",
    "成都和长沙的地铁客流量创下新高。",
    "外交部发言人在北京表示，中方愿意继续推动和平谈判。",
    "厦门大学与乌克兰基辅的高校签署了合作协议。",
];
const TR_EN: &[&str] = &[
    "Prime Minister Denys Shmyhal chaired a government meeting in Kyiv on Monday.",
    "Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara.",
    "Heavy snow closed roads between Chernihiv and Sumy overnight, officials said.",
    "Greek Finance Minister Kostis Hatzidakis presented the budget to parliament.",
];

/// A news-like, Cyrillic-heavy text of at least `bytes` bytes for the
/// transliteration benches: paragraphs of three to seven sentences drawn
/// Russian 40%, Ukrainian 30%, Greek 10%, Chinese 10%, English 10%, the
/// corpus shape of ../shared/bench/README.md, from a fixed seed.
pub fn translit_corpus(bytes: usize, seed: u64) -> String {
    let mut rng = super::Lcg::new(seed);
    let mut text = String::with_capacity(bytes + 1000);
    while text.len() < bytes {
        let sentences = 3 + rng.next() % 5;
        for i in 0..sentences {
            if i > 0 {
                text.push(' ');
            }
            let pool = match rng.next() % 10 {
                0..=3 => TR_RU,
                4..=6 => TR_UK,
                7 => TR_EL,
                8 => TR_ZH,
                _ => TR_EN,
            };
            text.push_str(rng.pick::<&str>(pool));
        }
        text.push('\n');
    }
    text
}
