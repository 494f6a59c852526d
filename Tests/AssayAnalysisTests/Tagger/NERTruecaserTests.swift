import Foundation
import Testing

@testable import AssayAnalysis

@Suite("NER truecasing of sentences in capitals")
struct NERTruecaserTests {
    static let extractor = NERFeatureExtractor(hashBits: 12)

    static func info(_ token: String) -> NERTokenInfo { extractor.info(for: token) }

    static func recased(_ token: String, _ casing: NERCasing) -> String {
        var token = token
        return String(decoding: token.withUTF8 { NERTruecaser.recased($0, casing) }, as: UTF8.self)
    }

    static func document(_ sentences: [String]) -> CoNLLDocument {
        CoNLLDocument(sentences: sentences.map { sentence in
            let tokens = sentence.split(separator: " ").map(String.init)
            return CoNLLSentence(tokens: tokens, tags: tokens.map { _ in "O" })
        })
    }

    @Test func casingOfATokenAsWritten() {
        #expect(NERCasing.of(Self.info("Japan")) == .capitalised)
        #expect(NERCasing.of(Self.info("japan")) == .lower)
        #expect(NERCasing.of(Self.info("iPhone")) == .lower)
        #expect(NERCasing.of(Self.info("EU")) == .upper)
        #expect(NERCasing.of(Self.info("U.S.")) == .upper)
        #expect(NERCasing.of(Self.info("École")) == .capitalised)
        #expect(NERCasing.of(Self.info("1996-12-06")) == nil)
        #expect(NERCasing.of(Self.info(",")) == nil)
    }

    @Test func recasingChangesOnlyTheCaseOfASCIIAndLatin1Letters() {
        #expect(Self.recased("JAPAN", .lower) == "japan")
        #expect(Self.recased("JAPAN", .capitalised) == "Japan")
        #expect(Self.recased("JAPAN", .upper) == "JAPAN")
        #expect(Self.recased("ÉCOLE", .capitalised) == "École")
        #expect(Self.recased("ÉCOLE", .lower) == "école")
        #expect(Self.recased("MÜNCHEN", .capitalised) == "München")
        #expect(Self.recased("O'NEILL", .capitalised) == "O'neill")
        #expect(Self.recased("-BASED", .capitalised) == "-Based")
        #expect(Self.recased("ПУТИН", .lower) == "ПУТИН")
        // A first letter beyond Latin-1 is still the first letter; the Latin-1 capitals after it are lowered.
        #expect(Self.recased("ŠKODA", .capitalised) == "Škoda")
        #expect(Self.recased("ŁÓDŹ", .capitalised) == "ŁódŹ")
        // Bytes that are not UTF-8 are left as they are, and never read past the end.
        func recased(_ bytes: [UInt8], _ casing: NERCasing) -> [UInt8] {
            bytes.withUnsafeBufferPointer { NERTruecaser.recased($0, casing) }
        }
        #expect(recased([0x41, 0xC3], .lower) == [0x61, 0xC3])
        #expect(recased([0xC3, 0x41, 0x42], .capitalised) == [0xC3, 0x61, 0x62])
        // The word hash, and with it every word feature, does not change.
        for casing in NERCasing.allCases {
            #expect(Self.info(Self.recased("MÜNCHEN", casing)).word == Self.info("MÜNCHEN").word)
        }
    }

    @Test func theLexiconKeepsEachWordsMostFrequentCasingInsideSentences() {
        let lexicon = NERCasingLexicon(
            documents: [
                Self.document([
                    "Talks with Japan stalled .",
                    "Japan said the talks would resume .",  // first word: not counted
                    "Officials in Japan and the EU met .",
                    "TALKS COLLAPSE .",  // a sentence in capitals: not counted
                    "The bank and the Bank disagreed .",  // a tie: the small letters win
                ])
            ],
            commonWords: ["officials", "talks", "japan"],
            extractor: Self.extractor
        )
        #expect(lexicon.casing(of: Self.info("japan").word) == .capitalised)
        #expect(lexicon.casing(of: Self.info("talks").word) == .lower)
        #expect(lexicon.casing(of: Self.info("eu").word) == .upper)
        #expect(lexicon.casing(of: Self.info("bank").word) == .lower)
        #expect(lexicon.casing(of: Self.info("collapse").word) == nil)
        #expect(lexicon.casing(of: Self.info("officials").word) == .lower)  // from the word list only
    }

    @Test func theDocumentOutranksTheLexiconAndUnknownWordsStayInCapitals() {
        let lexicon = NERCasingLexicon(
            documents: [Self.document(["He said apple prices and talks rose ."])], commonWords: [], extractor: Self.extractor
        )
        var truecaser = NERTruecaser(lexicon: lexicon)
        let body = ["Shares", "of", "Apple", "rose", "."].map(Self.info)
        body.withUnsafeBufferPointer { truecaser.observe($0) }
        func casing(_ token: String, first: Bool = false, insideName: Bool = false, known: Bool = false) -> NERCasing? {
            truecaser.casing(for: Self.info(token), first: first, insideName: insideName, known: known)
        }
        #expect(casing("APPLE") == .capitalised)  // the article writes "Apple"
        #expect(casing("TALKS") == .lower)  // the lexicon
        #expect(casing("TALKS", first: true) == .capitalised)  // the sentence's first word
        #expect(casing("TALKS", insideName: true) == .capitalised)  // "PEACE TALKS INSTITUTE"
        #expect(casing("ZENTRIX") == .upper)  // unknown
        #expect(casing("ZENTRIX", known: true) == .capitalised)  // a listed name
        #expect(casing("BHP", known: true) == .upper)  // three letters: as likely an acronym
        #expect(casing("Apple") == nil)  // not in capitals
        truecaser.reset()
        #expect(casing("APPLE") == .lower)  // a new document: only the lexicon is left
    }

    /// The shipped model without its casing lexicon.
    static func withoutLexicon(_ model: NERModel) -> NERModel {
        NERModel(
            version: model.version, extractor: model.extractor, scale: model.scale, weights: model.weights,
            exponents: model.exponents, gazetteer: model.gazetteer, casing: .empty
        )
    }

    @Test func aHeadlinesTopicKickerIsLoweredNotJoinedToTheNameAfterIt() throws {
        let gazetteer = NERGazetteer(
            version: "t", aliases: [(["Holly"], .givenName, false), (["NHL"], .organization, true)], cues: []
        )
        let extractor = NERFeatureExtractor(hashBits: 16)
        func kicker(_ sentence: String) -> Int {
            var infos = sentence.split(separator: " ").map { extractor.info(for: String($0)) }
            infos.withUnsafeMutableBufferPointer { _ = gazetteer.annotate($0) }
            return NERDecoder.kickerLength(infos)
        }
        #expect(kicker("RUGBY UNION - CUTTITTA BACK FOR ITALY") == 2)
        #expect(kicker("SOCCER - JAPAN GET LUCKY WIN") == 1)
        #expect(kicker("NHL ICE HOCKEY - RANGERS BEAT BRUINS") == 3)
        #expect(kicker("HOLLY - THE OWNER KNOWS") == 0)
        #expect(kicker("GOOD MORNING DEBRA -") == 0)
        #expect(kicker("A B C D - E F") == 0)
        let model = try NERModel.bundled()
        let tags = model.tag("RUGBY UNION - CUTTITTA BACK FOR ITALY AFTER A YEAR .".split(separator: " ").map(String.init))
        #expect(tags[0 ... 2] == ["O", "O", "O"], "the kicker was an organisation with the name after the dash")
    }

    @Test func aHeadlineInCapitalsIsReadWithTheArticlesCasings() throws {
        let model = try NERModel.bundled()
        #expect(model.casing.count > 10_000)
        let article = [
            "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .",
            "Japan began the defence of their Asian Cup title with a lucky 2-1 win against Syria on Friday .",
            "China were beaten 2-0 by Uzbekistan .",
        ].map { $0.split(separator: " ").map(String.init) }
        let headline = model.tagDocument(article)[0]
        #expect(headline[2] == "B-LOC")  // JAPAN
        #expect(headline[7] == "B-LOC")  // CHINA
        #expect(headline.filter { $0 != "O" }.count == 2)
        // Read as written, WALES is missed: the casings are what finds it.
        let rugby = ["RUGBY UNION - WALES BEAT FIJI IN CARDIFF .", "Wales beat Fiji 34-19 in Cardiff on Saturday ."]
            .map { $0.split(separator: " ").map(String.init) }
        #expect(model.tagDocument(rugby)[0][3] == "B-LOC")
        #expect(Self.withoutLexicon(model).tagDocument(rugby)[0][3] == "O")
        // The line interface reads the whole document first, so the headline above its body gets the same.
        let lines = Array((["-DOCSTART-"] + article.map { $0.joined(separator: " ") }).joined(separator: "\n").utf8)
        let output = String(decoding: lines.withUnsafeBufferPointer { model.tagLines($0) }, as: UTF8.self)
        #expect(output.split(separator: "\n")[1] == headline.joined(separator: " "))
    }

    @Test func aTitleCaseHeadlineHasItsCommonWordsLowered() throws {
        let model = try NERModel.bundled()
        let truecaser = NERTruecaser(lexicon: model.casing)
        func isTitle(_ sentence: String) -> Bool {
            sentence.split(separator: " ").map { Self.info(String($0)) }.withUnsafeBufferPointer { truecaser.isInTitleCase($0) }
        }
        let headline = "China Tightens Grip On Gallium Exports As Talks With Washington Stall"
        #expect(isTitle(headline))
        #expect(!isTitle("Glenn McGrath , Shane Warne , Mark Taylor , Ian Healy"))
        // Dense with names and titles, but a sentence: one long word in small letters tells.
        #expect(!isTitle("Patrick Hughes , Assistant Secretary for Information Analysis , Homeland Security Department testified"))
        #expect(!isTitle("China said talks with Washington had stalled over gallium exports ."))
        #expect(!isTitle("CHINA TIGHTENS GRIP ON GALLIUM EXPORTS"))
        let tokens = headline.split(separator: " ").map(String.init)
        #expect(model.tag(tokens)[0 ..< 2] == ["B-LOC", "O"])
        // Read as written, "Tokyo Tightens" looks like an organisation's name.
        let tokyo = ["Tokyo"] + tokens.dropFirst()
        #expect(model.tag(tokyo)[0 ..< 2] == ["B-LOC", "O"])
        #expect(Self.withoutLexicon(model).tag(tokyo)[0 ..< 2] == ["B-ORG", "I-ORG"])
        // Only the lexicon lowers a title's words, so the line interface, which reads a document
        // ahead only when a line may be in capitals, tags it as tagDocument does, whatever the body says.
        let article = [tokens, "Exports of Gallium Grip and Talks Stall fell , the Customs office said .".split(separator: " ").map(String.init)]
        let lines = Array(article.map { $0.joined(separator: " ") }.joined(separator: "\n").utf8)
        let output = String(decoding: lines.withUnsafeBufferPointer { model.tagLines($0) }, as: UTF8.self)
        #expect(output.split(separator: "\n").map(String.init) == model.tagDocument(article).map { $0.joined(separator: " ") })
    }

    @Test func aHeadlineInCapitalsGetsTheNamesItsBodyTagged() throws {
        // Body names, as decoded: a person, a company with its legal suffix, a word tagged two ways.
        func tags(_ bio: String) -> [UInt8] {
            NERTagScheme.bilou(fromBIO: bio.split(separator: " ").map(String.init)).map(\.rawValue)
        }
        func infos(_ sentence: String) -> [NERTokenInfo] { sentence.split(separator: " ").map { Self.info(String($0)) } }
        var names = NERHeadlineNames(lexicon: try NERModel.bundled().casing)
        func record(_ sentence: String, _ bio: String) {
            var body = infos(sentence)
            for k in body.indices where body[k].word == Self.info("Corp").word { body[k].cues = NERGazetteer.cueLegalSuffix }
            let decoded = tags(bio)
            body.withUnsafeBufferPointer { i in decoded.withUnsafeBufferPointer { names.record(infos: i, tags: $0) } }
        }
        record("President Boris Yeltsin met Jordan", "O B-PER I-PER O B-PER")
        record("General Motors Corp and Jordan", "B-ORG I-ORG I-ORG O B-LOC")
        record("Bayern Munich and New York Knicks", "B-ORG I-ORG O B-ORG I-ORG I-ORG")
        func revised(_ headline: String, _ bio: String) -> String {
            var t = tags(bio)
            _ = names.revise(infos(headline), &t)
            return NERTagScheme.bio(fromBILOU: t.map { BILOUTag(uncheckedRawValue: $0) }).joined(separator: " ")
        }
        // The truecaser has lowered the headline's common words; its names are left in capitals.
        #expect(revised("YELTSIN sacks BORIS YELTSIN", "O O O O") == "B-PER O B-PER I-PER")
        #expect(revised("GENERAL MOTORS to cut jobs", "O B-PER O O O") == "B-ORG I-ORG O O O")
        // A name of two or more words matches whatever the truecaser did to its words.
        #expect(revised("general MOTORS to cut jobs", "O B-PER O O O") == "B-ORG I-ORG O O O")
        // A club by its first word, unless the word is a common one ("New", capitalised as a line's first).
        #expect(revised("BAYERN win", "O O") == "B-ORG O")
        #expect(revised("NEW deal", "O O") == "O O")
        // A name tagged as often one way as another, a word in small letters, a span it would cut:
        // left as decoded.
        #expect(revised("JORDAN wins", "O O") == "O O")
        #expect(revised("yeltsin wins", "O O") == "O O")
        #expect(revised("ACME YELTSIN wins", "B-ORG I-ORG O") == "B-ORG I-ORG O")
        // Nor a word a newswire rule forced (a fixture's team).
        var forced = infos("JORDAN at YELTSIN")
        forced[2].forcedTagIsFirm = true
        var forcedTags = tags("O O B-ORG")
        #expect(!names.revise(forced, &forcedTags))
        // A team a sports rule named lends its last word, even one the truecaser lowered.
        #expect(revised("bulls win", "O O") == "O O")
        var team = infos("as the Chicago Bulls beat")
        for k in 2 ... 3 { team[k].forcedAsTeam = true }
        let teamTags = tags("O O B-ORG I-ORG O")
        team.withUnsafeBufferPointer { i in teamTags.withUnsafeBufferPointer { names.record(infos: i, tags: $0) } }
        #expect(revised("bulls win", "O O") == "B-ORG O")

        // Through the model: the headline is decoded before the body that names its people.
        let model = try NERModel.bundled()
        let article = [
            "RUSSIA - YELTSIN SACKS LEBED .", "MOSCOW 1996-10-17",
            "Russian President Boris Yeltsin sacked his security chief Alexander Lebed on Thursday .",
        ].map { $0.split(separator: " ").map(String.init) }
        #expect(model.tagDocument(article)[0] == ["B-LOC", "O", "B-PER", "O", "B-PER", "O"])
    }

    @Test func aScorecardLineShapedLikeATitleKeepsThePlayersTheRulesFound() throws {
        // Four or more long words, nearly all capitalised, two of them English words ("Mark",
        // "Curtly"): the shape of a title-case headline. The innings' players keep their capitals.
        let model = try NERModel.bundled()
        let tokens = "Australia 310-5 ( Mark Waugh 107 , Curtly Ambrose 3-44 )".split(separator: " ").map(String.init)
        let truecaser = NERTruecaser(lexicon: model.casing)
        #expect(tokens.map { Self.info($0) }.withUnsafeBufferPointer { truecaser.isInTitleCase($0) })
        #expect(model.tag(tokens) == ["B-LOC", "O", "O", "B-PER", "I-PER", "O", "O", "B-PER", "I-PER", "O", "O"])
    }

    @Test func theLineInterfaceTagsEachDocumentAsTagDocumentDoes() throws {
        let model = try NERModel.bundled()
        let documents = [
            ["SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .", "", "Japan beat Syria 2-1 on Friday ."],
            ["Rare Earth Prices Jump After Beijing Signals New Quotas", "Beijing said quotas would rise ."],
            ["Output at Kelvara fell .", "KELVARA MINE SHUT"],
            ["RUSSIA - YELTSIN SACKS LEBED .", "Boris Yeltsin sacked Alexander Lebed .", "LEBED WILL NOT GO QUIETLY"],
        ]
        let input = documents.map { "-DOCSTART-\r\n" + $0.joined(separator: "\r\n") }.joined(separator: "\n")
        let output = String(decoding: Array(input.utf8).withUnsafeBufferPointer { model.tagLines($0) }, as: UTF8.self)
        let expected = documents.flatMap { document in
            ["O"] + model.tagDocument(document.map { $0.split(separator: " ").map(String.init) }).map { $0.joined(separator: " ") }
        }
        #expect(output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) == expected)
        #expect(output.hasSuffix("\n"))
    }

    @Test func withoutDocumentStartsADatelineStartsAStoryAtItsHeadline() throws {
        let model = try NERModel.bundled()
        func tag(_ lines: [String]) -> [String] {
            let text = lines.joined(separator: "\n")
            return String(decoding: Array(text.utf8).withUnsafeBufferPointer { model.tagLines($0) }, as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
        // The second story's headline names QORVATH HOLDINGS as the first story wrote it; without a
        // -DOCSTART- line only its dateline says that a new story starts, at the headline before it.
        let first = ["PLANT CLOSES", "BONN 1996-08-22", "Shares of Qorvath Holdings fell on Monday after the plant closed ."]
        let second = ["QORVATH HOLDINGS TO CLOSE PLANT .", "PARIS 1996-08-23", "The company said it would close a plant ."]
        let separate = tag(["-DOCSTART-"] + first + ["-DOCSTART-"] + second)
        let stream = tag(first + second)
        #expect(stream == Array(separate[1 ... 3] + separate[5 ... 7]))
        #expect(stream[3] == "O O O O O O")
        #expect(stream[1] == "B-LOC O" && stream[4] == "B-LOC O")
        // With a -DOCSTART- line anywhere the input's own documents hold: no dateline splits them.
        let marked = tag(["-DOCSTART-"] + first + second)
        #expect(marked[4] == "B-ORG I-ORG O O O O")
        // A dateline without a headline before it starts the story itself.
        #expect(tag(first + Array(second.dropFirst())) == Array(separate[1 ... 3] + tag(Array(second.dropFirst()))))
    }

    @Test func casingsDoNotCrossADocumentStart() throws {
        let model = try NERModel.bundled()
        func tag(_ text: String) -> [Substring] {
            String(decoding: Array(text.utf8).withUnsafeBufferPointer { model.tagLines($0) }, as: UTF8.self)
                .split(separator: "\n")
        }
        // "Qorvath" is in no list and not in the lexicon: only an article that writes it
        // "Qorvath Holdings" makes the headline's QORVATH HOLDINGS a name.
        let body = "Shares of Qorvath Holdings fell on Monday after the plant closed ."
        let headline = "QORVATH HOLDINGS TO CLOSE PLANT ."
        #expect(tag("\(body)\n\(headline)")[1] == "B-ORG I-ORG O O O O")
        #expect(tag("\(body)\n-DOCSTART-\n\(headline)")[2] == "O O O O O O")
        #expect(tag(headline)[0] == "O O O O O O")
    }

    /// Names the first word of every sentence, as a place whose name says how many body sentences
    /// the recogniser had been shown ahead of time ("0" or "2"), to observe the engine's previews.
    struct PreviewCounter: NameRecognizer {
        var previewed = 0
        mutating func preview(_ tokens: [Token], sentence: Range<Int>) { previewed += 1 }
        mutating func names(in tokens: [Token], sentence: Range<Int>, covered: [Bool]) -> [RecognizedName] {
            [RecognizedName(tokens: sentence.lowerBound ..< sentence.lowerBound + 1, type: .location,
                            confidence: Double(previewed) / 10, source: .tagger)]
        }
    }

    @Test func theEngineShowsTheBodyBeforeATitleInCapitals() throws {
        let engine = AnalysisEngine(knowledgeBase: TestKnowledgeBase.shared, recognizers: [PreviewCounter()])
        func titleConfidence(_ title: String) -> Double? {
            let body = "Workers at the Kelvara mine walked off the job on Monday. Output fell."
            guard case .summary(let summary) = engine.analyze(ArticleInput(title: title, body: body)).last else { return nil }
            return summary.entities.first { $0.mentions.contains { $0.span.field == .title } }?.confidence
        }
        #expect(titleConfidence("STRIKE HALTS OUTPUT AT KELVARA MINE") == 0.2)  // both body sentences, first
        #expect(titleConfidence("Strike halts output at Kelvara mine") == 0)  // a title as written: no preview
        #expect(titleConfidence("2026") == 0)  // no letters in capitals: nothing to restore
    }

    @Test func modelFilesOfEarlierFormatVersionsAreRefused() throws {
        // Versions 1 (without the lexicon) and 2 hashed features to other rows: their weights would
        // score the wrong features, so they are refused with the version, even with a correct CRC.
        let model = try NERModelTests.tinyModel()
        var versionTwo = [UInt8](model.serialized())
        versionTwo[8] = 2
        var versionOne = versionTwo
        versionOne.removeSubrange((versionOne.count - 4 - 4 - 5 * model.casing.count) ..< (versionOne.count - 4))
        versionOne[8] = 1
        for (version, bytes) in [(UInt32(1), versionOne), (2, versionTwo)] {
            var bytes = bytes
            let crc = bytes.prefix(bytes.count - 4).withUnsafeBytes { NERModelFormat.crc32($0) }
            for k in 0 ..< 4 { bytes[bytes.count - 4 + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
            #expect(throws: NERModelError.unsupportedVersion(version)) { try NERModel(data: Data(bytes)) }
        }
        #expect(NERModelError.unsupportedVersion(2).description.contains("reads version 3"))
    }

    @Test func aDamagedLexiconIsRejected() throws {
        let model = try NERModelTests.tinyModel()
        #expect(model.casing.count >= 2)
        func withCRC(_ bytes: [UInt8]) -> Data {
            var bytes = bytes
            let crc = bytes.prefix(bytes.count - 4).withUnsafeBytes { NERModelFormat.crc32($0) }
            for k in 0 ..< 4 { bytes[bytes.count - 4 + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
            return Data(bytes)
        }
        let data = [UInt8](model.serialized())
        let casingsStart = data.count - 4 - model.casing.count
        let wordsStart = casingsStart - 4 * model.casing.count
        var badCasing = data
        badCasing[casingsStart] = 7
        #expect(throws: NERModelError.invalidHeader("casing out of range")) { try NERModel(data: withCRC(badCasing)) }
        var unsorted = data
        for k in 0 ..< 4 { unsorted.swapAt(wordsStart + k, wordsStart + 4 + k) }
        #expect(throws: NERModelError.invalidHeader("casing lexicon not sorted")) { try NERModel(data: withCRC(unsorted)) }
        var oversized = data
        for k in 0 ..< 4 { oversized[wordsStart - 4 + k] = 0xFF }
        #expect(throws: NERModelError.invalidHeader("casing lexicon size 4294967295")) { try NERModel(data: withCRC(oversized)) }
        // A size within bounds but larger than the file: truncated, not read past the end.
        var tooLong = data
        let size = UInt32(model.casing.count + 1000)
        for k in 0 ..< 4 { tooLong[wordsStart - 4 + k] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(k))) }
        #expect { try NERModel(data: withCRC(tooLong)) } throws: { error in
            if case NERModelError.truncated = error { return true }
            return false
        }
        // Cut inside the lexicon.
        #expect { try NERModel(data: Data(data.prefix(casingsStart))) } throws: { error in
            if case NERModelError.truncated = error { return true }
            return false
        }
    }
}

