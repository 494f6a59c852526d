@testable import AssayAnalysis
import Testing

@Suite("Entity recognition and linking")
struct EntityLinkingTests {
    let article = """
        China's leverage over rare earths may loosen ahead of a meeting between Xi Jinping and Joe Biden in South Korea.
        However, pressure from Washington and Beijing is rising. In the U.S., officials say the United States needs REEs.
        “Beijing knows its strength,” said Zongyuan Zoe Liu, a fellow at the Council on Foreign Relations (CFR).
        Liu said American buyers of rare-earth elements and Chinese suppliers are both nervous. As Xi and Biden meet, the CFR expects little.
        """

    @Test("every spelling of a country links to one entity, with the kind of mention")
    func countryVariants() throws {
        let summary = TestKnowledgeBase.summary(article)
        let us = try #require(summary.entity("country:US"))
        #expect(Set(us.mentions.map(\.text)) == ["Washington", "U.S.", "United States", "American"])
        #expect(us.mentions.first { $0.text == "Washington" }?.kind == .metonym)
        #expect(us.mentions.first { $0.text == "American" }?.kind == .demonym)
        let china = try #require(summary.entity("country:CN"))
        #expect(Set(china.mentions.map(\.text)) == ["China", "Beijing", "Chinese"])
        #expect(china.wikidataID == "Q148")
        #expect(summary.entity("city:beijing") == nil)
        #expect(summary.entity("city:washington-dc") == nil)
    }

    @Test("people: full names, shortened names and rule-found names link once each")
    func people() throws {
        let summary = TestKnowledgeBase.summary(article)
        let xi = try #require(summary.entity("person:xi-jinping"))
        #expect(xi.mentions.map(\.text) == ["Xi Jinping", "Xi"])
        #expect(xi.mentions.last?.kind == .partialName)
        let liu = try #require(summary.entity("person:zongyuan-zoe-liu"))
        #expect(liu.mentions.map(\.text) == ["Zongyuan Zoe Liu", "Liu"])
        #expect(liu.source == .rule)
        #expect(summary.entity("person:joe-biden")?.mentions.count == 2)
    }

    @Test("an acronym defined in the text links to its organisation")
    func acronym() throws {
        let summary = TestKnowledgeBase.summary(article)
        let cfr = try #require(summary.entity("org:council-on-foreign-relations"))
        #expect(cfr.mentions.map(\.text) == ["Council on Foreign Relations", "CFR", "CFR"])
    }

    @Test("commodity variants are one commodity")
    func commodities() throws {
        let summary = TestKnowledgeBase.summary(article)
        let ree = try #require(summary.entity("commodity:rare-earths"))
        #expect(Set(ree.mentions.map(\.text)) == ["rare earths", "REEs", "rare-earth elements"])
    }

    @Test("sentence-initial capitals are never entities")
    func noSpuriousEntities() {
        let summary = TestKnowledgeBase.summary(article)
        for word in ["However", "In", "As", "Liu said", "Beijing knows"] {
            #expect(!summary.entities.contains { $0.name == word }, "\(word)")
        }
        #expect(summary.ids == [
            "country:CN", "country:US", "country:KR", "person:xi-jinping", "person:joe-biden",
            "person:zongyuan-zoe-liu", "org:council-on-foreign-relations", "commodity:rare-earths",
        ])
    }

    @Test("every mention's span reproduces its text in the submitted bytes")
    func offsets() {
        let body = "Café owners in Beijing said:\u{00A0}“China’s gallium…” Then Washington replied."
        let title = "U.S. and China"
        let summary = TestKnowledgeBase.summary(body, title: title)
        #expect(!summary.entities.isEmpty)
        for entity in summary.entities {
            for mention in entity.mentions {
                let field = Array((mention.span.field == .title ? title : body).utf8)
                #expect(String(decoding: field[mention.span.start..<mention.span.end], as: UTF8.self) == mention.text)
            }
        }
    }

    @Test("Washington: the government, the city or the state, by context")
    func washington() {
        #expect(TestKnowledgeBase.summary("Washington imposed new controls.").ids == ["country:US"])
        #expect(TestKnowledgeBase.summary("The talks were held in Washington last week.").ids == ["city:washington-dc"])
        #expect(TestKnowledgeBase.summary("Farmers in eastern Washington state grow apples.").ids == ["region:us-washington"])
        #expect(TestKnowledgeBase.summary("He flew to Washington, D.C. on Monday.").ids == ["city:washington-dc"])
    }

    @Test("matches respect word boundaries and case")
    func boundaries() {
        let summary = TestKnowledgeBase.summary("The ambassador met us in chinatown; the china plates and the assad-era rules.")
        #expect(summary.entities.isEmpty)
    }

    @Test("a common word inside a longer name is not a commodity")
    func commodityInsideName() {
        let summary = TestKnowledgeBase.summary("Workers at Kamoto Copper Company struck. Copper prices rose.")
        #expect(summary.entity("commodity:copper")?.mentions.map(\.text) == ["Copper"])
        #expect(summary.entity("org:kamoto-copper-company") != nil)
    }

    @Test("a place that begins an organisation's name is part of that name; a country keeps its mention")
    func placeInsideOrganizationName() throws {
        let summary = TestKnowledgeBase.summary(
            "Workers at Beijing Rare Metals Company went on strike over unpaid wages this week. "
                + "China Gallium Company said that its output rose in Beijing."
        )
        let company = try #require(summary.entity("org:beijing-rare-metals-company"))
        #expect(company.mentions.map(\.text) == ["Beijing Rare Metals Company"])
        // "in Beijing" is still the city; the name's "Beijing" is not a mention of it.
        #expect(summary.entity("city:beijing")?.mentions.map(\.text) == ["Beijing"])
        #expect(summary.entity("org:china-gallium-company")?.mentions.map(\.text) == ["China Gallium Company"])
        #expect(summary.entity("country:CN")?.mentions.map(\.text) == ["China"])
        // Without a head word after it, the place stays a place.
        let plain = TestKnowledgeBase.summary("Officials in Beijing said that the report by Beijing Daily was wrong.")
        #expect(plain.entity("city:beijing")?.mentions.count == 1)
    }

    @Test("\"and\" after a company's last word starts a second name; inside a ministry's name it continues it")
    func andBetweenNames() {
        let summary = TestKnowledgeBase.summary(
            "Regulators fined Acme Mining Company and Beta Lithium Company on Monday, while the Ministry of Trade and Industry said nothing."
        )
        let names = Set(summary.entities.filter { $0.type == .organization }.map(\.name))
        #expect(names == ["Acme Mining Company", "Beta Lithium Company", "Ministry of Trade and Industry"])
    }

    @Test("a law's name is no organisation, even with a head word inside")
    func lawsAreNoOrganisations() {
        let summary = TestKnowledgeBase.summary(
            "The Ministry of Trade Act took effect, and the Ministry of Trade said the Acme Company Law would follow."
        )
        #expect(summary.entities.filter { $0.type == .organization }.map(\.name) == ["Ministry of Trade"])
    }

    @Test("a known person's surname after another given name is someone else")
    func surnameAfterAnotherGivenName() {
        let summary = TestKnowledgeBase.summary("Hunter Biden said on Monday he would testify. Later President Biden spoke.")
        let people = summary.entities.filter { $0.type == .person }
        #expect(people.map(\.id).contains("person:joe-biden"))
        #expect(people.first { $0.id == "person:joe-biden" }?.mentions.map(\.text) == ["Biden"])
        #expect(people.contains { $0.name == "Hunter Biden" && $0.id != "person:joe-biden" })
        // A sentence's opening word or a day is no given name.
        let opening = TestKnowledgeBase.summary("But Biden said the talks would go on. On Monday Biden spoke.")
        #expect(opening.entities.first { $0.id == "person:joe-biden" }?.mentions.count == 2)
        // In capitals every word is capitalised: the surname is still the known person's.
        let headline = TestKnowledgeBase.summary("ENVOY MEETS BIDEN")
        #expect(headline.entities.contains { $0.id == "person:joe-biden" })
    }

    @Test("a title's person may have the Arabic article before the surname")
    func titledPersonWithArticle() {
        let summary = TestKnowledgeBase.summary("The plan was backed by President Hafez al-Assad on Monday.")
        #expect(summary.entities.filter { $0.type == .person }.map(\.name) == ["Hafez al-Assad"])
        let spaced = TestKnowledgeBase.summary("The plan was backed by President Hafez al - Assad on Monday.")
        #expect(spaced.entities.filter { $0.type == .person }.map(\.name) == ["Hafez"])
    }

    @Test("a title's person may have two particles in their name")
    func twoParticles() {
        let summary = TestKnowledgeBase.summary("The plan was backed by Minister Hans van den Broek on Monday.")
        #expect(summary.entities.filter { $0.type == .person }.map(\.name) == ["Hans van den Broek"])
    }

    @Test("a sentence's first word joined to a name by \"of\" is not part of it, unless it is a head word")
    func commonWordOfName() {
        let summary = TestKnowledgeBase.summary(
            "Shares of Acme Mining Company fell on Monday. Ministry of Trade officials declined to comment."
        )
        let names = Set(summary.entities.filter { $0.type == .organization }.map(\.name))
        #expect(names == ["Acme Mining Company", "Ministry of Trade"])
    }

    @Test("a headline in capitals links its names to the knowledge base, and its AS is a word, not a legal suffix")
    func headlineInCapitals() throws {
        let summary = TestKnowledgeBase.summary(
            "China said on Monday that exporters would need a licence.",
            title: "CHINA TIGHTENS GALLIUM EXPORT LICENSING AS TALKS STALL"
        )
        #expect(summary.entity("country:CN")?.mentions.map(\.text) == ["CHINA", "China"])
        // The bundled knowledge base lists the suffix "A.S.", whose key is "as".
        let engine = try AnalysisEngine.bundled(tagger: false)
        let events = engine.analyze(
            ArticleInput(
                title: "CHINA TIGHTENS GALLIUM EXPORT LICENSING AS US WEIGHS ITS RESPONSE",
                body: "China said on Monday that exporters would need a licence."
            )
        )
        guard case .summary(let bundled) = events.last else { Issue.record("no summary"); return }
        #expect(bundled.entity("country:CN")?.mentions.map(\.text) == ["CHINA", "China"])
        #expect(!bundled.entities.contains { $0.type == .organization })
        // A short headline in capitals is no title-case sentence, and its AS is a word too.
        for title in ["OIL UP AS 3 RIGS SHUT", "GOLD FLAT AS 2 BANKS CUT"] {
            guard case .summary(let short) = engine.analyze(ArticleInput(title: title, body: "Prices moved.")).last else {
                Issue.record("no summary"); return
            }
            #expect(!short.entities.contains { $0.type == .organization }, "\(title)")
        }
        // A company named after its country mentions the country in capitals as in normal case.
        let company = engine.analyze(
            ArticleInput(title: "CHINA MINMETALS CUTS TUNGSTEN OUTPUT", body: "China Minmetals said on Monday that it would cut output.")
        )
        guard case .summary(let minmetals) = company.last else { Issue.record("no summary"); return }
        #expect(minmetals.entity("country:CN")?.mentions.map(\.text) == ["CHINA", "China"])
        #expect(minmetals.entity("org:china-minmetals")?.mentions.map(\.text) == ["CHINA MINMETALS", "China Minmetals"])
    }

    @Test("a dateline names the city the story is filed from, not its government")
    func dateline() {
        let summary = TestKnowledgeBase.summary(
            "BEIJING, March 3 (Reuters) - China said on Monday that it would curb exports of gallium.\nBeijing denied it."
        )
        #expect(summary.entity("city:beijing")?.mentions.map(\.text) == ["BEIJING"])
        #expect(summary.entity("country:CN")?.mentions.map(\.text) == ["China", "Beijing"])
    }

    @Test("a surname shared by two people links to neither")
    func ambiguousSurname() {
        let summary = TestKnowledgeBase.summary(
            "President Wang Yi spoke. Minister Wang Wentao replied. Wang said nothing."
        )
        #expect(summary.entity("person:wang-yi")?.mentions.count == 1)
        #expect(summary.entity("person:wang-wentao")?.mentions.count == 1)
    }

    @Test("the tagger reads a hyphenated word as one, so a name with a hyphenated given name is found")
    func hyphenatedNamesReachTheTagger() throws {
        let engine = try AnalysisEngine.bundled(tagger: true)
        for body in [
            "Jean-Marc Ilunga said the strike would last.",
            "Union official Jean-Marc Ilunga said the strike would last.",
        ] {
            guard case .summary(let summary) = engine.analyze(ArticleInput(title: "", body: body)).last else {
                Issue.record("no summary"); return
            }
            // Split into "Jean", "-", "Marc", the tagger found no name in either sentence.
            #expect(summary.entity("person:jean-marc-ilunga")?.mentions.map(\.text) == ["Jean-Marc Ilunga"], "\(body)")
        }
        let words = TaggedNameRecognizer.words(
            of: Tokenizer().tokenize("Rolls-Royce met Xi - Biden and Xi–Biden ."), sentence: 0 ..< 12
        )
        // A dash between spaces, or an en dash (whose surface the tokenizer writes "-"), separates.
        #expect(words.words == ["Rolls-Royce", "met", "Xi", "-", "Biden", "and", "Xi", "-", "Biden", "."])
        #expect(words.starts == [0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    }
}
