/// The fixed rules and the benign vocabulary the generated workload is made of.
extension WorkloadGenerator {
    /// Rules every workload has: links, contacts, repeats, shouting, scripts, spam, threats, lookarounds.
    static let coreRules: [String] = [
        #"(?i)\bhttps?://[^\s/$.?#][^\s]*"#,
        #"(?i)\bwww\.[a-z0-9-]+\.[a-z]{2,}"#,
        #"(?i)\b[a-z0-9-]{2,}\.(?:xyz|top|click|loan|work|tk|ml|ga|cf|gq|buzz|icu)\b"#,
        #"(?i)\b(?:bit\.ly|tinyurl\.com|goo\.gl|t\.co|ow\.ly|is\.gd|cutt\.ly|rb\.gy|shorturl\.at)/\w+"#,
        #"(?i)\b(?:t\.me|wa\.me|chat\.whatsapp\.com)/\S+"#,
        #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#,
        #"(?i)\b[a-z0-9._%+-]+\s*(?:\[at\]|\(at\)|\s+at\s+)\s*[a-z0-9-]+\s*(?:\[dot\]|\(dot\)|\s+dot\s+)\s*[a-z]{2,}\b"#,
        #"(?:\+92|0092|\b0)3\d{2}[\s-]?\d{7}\b"#,
        #"\+\d{1,3}[\s.-]?\(?\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b"#,
        #"\b\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"#,
        #"(?i)\b(?:whats\s*app|call|contact|sms)\b\D{0,20}\d[\d\s-]{8,}\d"#,
        #"(.)\1{5,}"#,
        #"([!?.])\1{3,}"#,
        #"(?i)\b(\w+)\s+\1\s+\1\b"#,
        #"(?i)([a-z])\1{3,}"#,
        #"(?:!{4,}|\?{4,}|\.{6,})"#,
        #"\b[A-Z]{3,}(?:\s+[A-Z]{3,}){4,}\b"#,
        #"^[^a-z]{0,10}[A-Z][A-Z\s!?.,]{40,}$"#,
        #"\p{Lu}{12,}"#,
        #"(?<![A-Za-z])[A-Z]{15,}(?![a-z])"#,
        #"\p{Arabic}{2,}[^\n]{0,80}https?://"#,
        #"\b\p{Latin}+\p{Cyrillic}+\p{Latin}*\b"#,
        #"[\x{1F300}-\x{1FAFF}]{6,}"#,
        #"[\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}]"#,
        #"\b(?:مفت|فری)\s+(?:انعام|موبائل|بیلنس|پیکج)\b"#,
        #"\b[\x{06F0}-\x{06F9}]{4}[\s-]?[\x{06F0}-\x{06F9}]{7}\b"#,
        #"(?i)\bwork\s+from\s+home\b"#,
        #"(?i)\bearn\s+\$?\d[\d,]*\s*(?:per|a|/)\s*(?:day|week|month|hour)\b"#,
        #"(?i)\b(?:buy|cheap)\s+(?:viagra|cialis|followers|likes|subscribers)\b"#,
        #"(?i)\bclick\s+(?:here|the\s+link|below|my\s+profile)\b"#,
        #"(?i)\b(?:crypto|bitcoin|btc|usdt|forex)\b.{0,60}?\b(?:guaranteed|double|profit|invest(?:ment)?)\b"#,
        #"(?i)\bcheck\s+(?:out\s+)?my\s+(?:profile|bio|channel)\b"#,
        #"(?i)\b(?:mubarak\s+ho|ap\s+ka\s+inaam|aap\s+jeet\s+gaye|inaam\s+jeetain)\b"#,
        #"(?i)\b(?:benazir|bisp|ehsaas)\b.{0,50}\b(?:8171|inaam|rupay|rs\.?)\b"#,
        #"(?i)\b(?:kill|hurt|shoot|stab)\s+(?:you|yourself|ur\s*self|u)\b"#,
        #"(?i)\b(?:kys|go\s+die)\b"#,
        #"(?i)\bfree\b(?!\s+(?:speech|press|will|and\s+fair))"#,
        #"\b(?=[A-Za-z\d]*\d)(?=[A-Za-z\d]*[a-z])[A-Za-z\d]{14,}\b"#,
        #"(?i)\b(\w)\w*\s+\1\w*\s+\1\w*\b"#,
        #"(?i)(?<=\bprice:\s)\d+"#,
        #"\b\d{4}[\s-]?\d{4}[\s-]?\d{4}[\s-]?\d{4}\b"#,
    ]

    static let englishVocabulary = """
        the of and to a in is that it for on was with as be this by are not but have from at they his her an or \
        which you we all were one their there has been would if will so what about more when can who out up them \
        some no only other into its time new could than like then now people also just over my after first our \
        well even because any these how most much where year years many good those through back still way should \
        government very make before day me here while life between both being under never same another know last \
        long great little own old right take think high country every find world against three part home since \
        game team match cricket player series wicket runs captain bowling batting pitch election vote party \
        parliament minister court judge case law police report economy inflation prices petrol electricity water \
        budget tax bank market rupee dollar jobs students university teacher doctor hospital weather rain flood \
        news article column editor story writer opinion comment reader thanks agree disagree true fact truth sir \
        brother sister friend family village province punjab sindh karachi lahore islamabad peshawar pakistan \
        india china nation national federal local project problem solution policy system reform future history \
        simple clear strong weak better worse best real really actually please why answer question issue leader
        """.split(separator: " ").map(String.init)
    static let urduVocabulary = """
        اور کے کی میں ہے یہ کہ سے کو نے پر ایک بھی تھا ہیں لیے نہیں وہ کر گیا ہو جو اس حکومت پاکستان عوام ملک وزیر \
        اعظم کرکٹ ٹیم میچ خبر شکریہ بہت اچھا سیاست معیشت مہنگائی بجلی پانی لوگ سال دن آج بات کام وقت ہم آپ ان تو \
        اگر لیکن کیا کیوں کیسے اللہ دعا صحیح غلط سچ جھوٹ اخبار کالم مضمون رپورٹ فیصلہ عدالت انتخابات ووٹ جماعت
        """.split(separator: " ").map(String.init)
    static let romanVocabulary = """
        bhai yaar ye wo kya hai hain tha thi nahi bilkul sahi galat baat kaha bohat acha mulk awam hakumat siyasat \
        mehngai bijli pani log saal din aaj kal kaam waqt hum aap un tou agar lekin kyun kaise dua sach jhoot khabar \
        faisla adalat zindabad shukriya inshallah mashallah theek ji janab jeet haar shandar afsos khushi umeed
        """.split(separator: " ").map(String.init)
    static let capitals = ["PTI", "PMLN", "PPP", "ECP", "IMF", "NAB", "ICC", "PCB", "PSL", "T20", "ODI", "BBC", "UN", "CPEC"]
    static let emoji = ["😂", "🤣", "👍", "🙏", "❤️", "🔥", "😡", "😢", "👏🏽", "🇵🇰", "💯", "🤔", "🙄", "🤲", "✌️", "🏏"]
    static let urduDigits = Array("۰۱۲۳۴۵۶۷۸۹")
}
