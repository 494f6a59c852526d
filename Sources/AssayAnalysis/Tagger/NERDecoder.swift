import Foundation
internal import CAssayScores

/// Reusable decoding state: scratch buffers, the document memory and the truecaser.
///
/// ``NERModel`` decodes with exact Viterbi when it has ``NERFeatureSet/viterbi`` and greedily
/// otherwise. ``decodeSpans(_:where:)`` also gives the decoded spans their probabilities (see
/// ``NERSpan/confidence``). A sentence in capitals is decoded as its words are usually written, and
/// a title-case headline with its common words in small letters (``NERTruecaser``), when the model
/// has a casing lexicon.
struct NERDecoder {
    let model: NERModel
    var memory: NERDocumentMemory?
    var truecaser: NERTruecaser?
    /// Whether decoded sentences teach the truecaser the document's casings: with document memory,
    /// until the whole document was shown to it beforehand (``preview(_:)``) or is known to have no
    /// sentence in capitals; a decoder of single sentences has no document to learn.
    var observesWhileDecoding: Bool
    var infos: [NERTokenInfo] = []
    var rows: [UInt32] = []
    /// Where each token's static rows start in `rows` once the null rows are dropped, plus the end.
    var rowStarts: [Int32] = []
    /// The BILOU tags of the last decoded sentence.
    var tags: [UInt8] = []
    /// Whether the sentence being decoded is a sports results line
    /// (``NERGazetteer/annotate(_:afterResultsLines:)``) or announces a block of them
    /// (``NERGazetteer/announcesResults(_:)``).
    var sentenceIsResultsLine = false
    /// How many results lines the document has had so far; after one, a team need not be a listed name.
    var resultsLinesInDocument = 0
    /// Whether the document is a cricket report (``NERGazetteer/opensCricketReport(_:)``), whose
    /// English counties are clubs.
    var documentIsCricketReport = false
    /// Whether the document is a report of a sport played by clubs
    /// (``NERGazetteer/opensTeamSportsReport(_:)``), where a town after a match's verb is a club
    /// before any rule has named one.
    var documentIsTeamSportsReport = false
    /// Whether the document is a motor-racing report (``NERGazetteer/opensMotorRacingReport(_:)``),
    /// where "Williams" alone is a team.
    var documentIsMotorRacingReport = false
    /// Whether the last decoded sentence was in capitals (its words recased by the truecaser).
    var sentenceIsInCapitals = false
    /// Whether the last decoded sentence was in capitals or a title-case headline (its words recased).
    var sentenceWasRecased = false
    /// The names the document's other sentences tagged, for its sentences in capitals; `nil` when the
    /// caller does not revise them (a document without such a sentence, or no document memory).
    var headlineNames: NERHeadlineNames?
    /// The clubs the document's sports rules named and the companies named with a legal suffix,
    /// forced again in its later sentences (only with document memory).
    var teams = NERDocumentTeams()
    /// The last words of the persons of two or more words the document's sentences not in capitals
    /// have tagged so far ("Muster" after "Thomas Muster"; only with document memory).
    var personSurnames: Set<UInt64> = []

    init(model: NERModel, useDocumentMemory: Bool) {
        self.model = model
        self.memory = useDocumentMemory && model.extractor.featureSet.contains(.documentHistory) ? NERDocumentMemory() : nil
        self.truecaser = model.casing.count > 0 ? NERTruecaser(lexicon: model.casing) : nil
        self.observesWhileDecoding = useDocumentMemory
    }

    /// Starts a new document: forgets the names and casings of the previous one (whether it is
    /// previewed, and so ``observesWhileDecoding``, is the caller's choice per document).
    mutating func startDocument() {
        memory?.reset()
        truecaser?.reset()
        resultsLinesInDocument = 0
        documentIsCricketReport = false
        documentIsTeamSportsReport = false
        documentIsMotorRacingReport = false
        headlineNames = nil
        teams.reset()
        personSurnames.removeAll(keepingCapacity: true)
    }

    /// Starts collecting the names of the document's sentences not in capitals, for
    /// ``reviseHeadline(_:_:)`` (only with document memory).
    mutating func collectHeadlineNames() {
        if memory != nil { headlineNames = NERHeadlineNames(lexicon: model.casing) }
    }

    /// Tags in a sentence in capitals, decoded earlier as `infos` and `tags`, the names the rest of
    /// the document tagged (``NERHeadlineNames``); returns whether a tag changed.
    func reviseHeadline(_ infos: [NERTokenInfo], _ tags: inout [UInt8]) -> Bool {
        headlineNames?.revise(infos, &tags) ?? false
    }

    /// Shows the truecaser a sentence of the document before any is decoded, so that a headline in
    /// capitals is restored from the casings of the whole article, not only of what precedes it.
    mutating func preview(_ tokens: [String]) {
        guard truecaser != nil else { return }
        setInfos(tokens)
        previewInfos()
    }

    /// Shows the truecaser a whole document ahead, if one of its sentences may be in capitals
    /// (``NERTruecaser/mayBeInCapitals(_:)``); only those sentences use what it learns. Returns
    /// whether one may be.
    @discardableResult
    mutating func preview(document sentences: [[String]]) -> Bool {
        if sentences.contains(where: { $0.count >= 2 && NERTruecaser.mayBeInCapitals($0.lazy.flatMap(\.utf8)) }) {
            for sentence in sentences { preview(sentence) }
            return true
        }
        observesWhileDecoding = false
        return false
    }

    /// ``preview(_:)`` for a sentence given as byte ranges of `bytes`.
    mutating func preview(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) {
        guard truecaser != nil else { return }
        setInfos(bytes, ranges)
        previewInfos()
    }

    private mutating func previewInfos() {
        observesWhileDecoding = false
        infos.withUnsafeBufferPointer { truecaser?.observe($0) }
    }

    /// Fills `infos` with the token-level features of a sentence's tokens.
    private mutating func setInfos(_ tokens: [String]) {
        infos.removeAll(keepingCapacity: true)
        for token in tokens { infos.append(model.extractor.info(for: token)) }
    }

    /// Fills `infos` with the token-level features of the tokens that are `ranges` of `bytes`.
    private mutating func setInfos(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) {
        infos.removeAll(keepingCapacity: true)
        for r in ranges { infos.append(model.extractor.info(utf8: UnsafeBufferPointer(rebasing: bytes[r]))) }
    }

    /// Decodes one sentence and returns its BILOU tags (raw values).
    mutating func decode(_ tokens: [String]) -> [UInt8] {
        load(tokens)
        run(probabilitiesFor: nil)
        return tags
    }

    /// Decodes one sentence and returns its spans that `isIncluded` keeps, with their probabilities
    /// (only those are computed: a sentence with no such span costs no more than its tags).
    mutating func decodeSpans(_ tokens: [String], where isIncluded: (NERSpan) -> Bool = { _ in true }) -> [NERSpan] {
        load(tokens)
        return withoutActuallyEscaping(isIncluded) { run(probabilitiesFor: $0) }
    }

    /// Fills `infos` with the tokens' features and gazetteer annotations.
    private mutating func load(_ tokens: [String]) {
        setInfos(tokens)
        restoreCase { i, casing in
            var token = tokens[i]
            return token.withUTF8 { NERTruecaser.recased($0, casing) }
        }
        annotate()
    }

    /// Whether the sentence whose tokens are `ranges` of `bytes` is a news dateline
    /// (``NERGazetteer/datelinePlaces(_:)``: "BONN 1996-08-22").
    mutating func isDateline(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Bool {
        setInfos(bytes, ranges)
        return infos.withUnsafeBufferPointer { NERGazetteer.datelinePlaces($0) } != nil
    }

    /// Decodes the sentence whose tokens are `ranges` of `bytes`.
    mutating func decodeRanges(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) {
        setInfos(bytes, ranges)
        restoreCase { i, casing in NERTruecaser.recased(UnsafeBufferPointer(rebasing: bytes[ranges[i]]), casing) }
        annotate()
        run(probabilitiesFor: nil)
    }

    /// In a sentence in capitals, replaces each word's features by those of the word as usually
    /// written, and in a title-case headline those of its common words by their small-letter form
    /// (`recased(i, casing)` gives token `i`'s bytes in `casing`); any other sentence teaches the
    /// truecaser the document's casings, unless the document was previewed.
    private mutating func restoreCase(_ recased: (Int, NERCasing) -> [UInt8]) {
        sentenceIsInCapitals = false
        sentenceWasRecased = false
        guard var truecaser else { return }
        self.truecaser = nil  // one owner of its document counts while they change (no copy on write)
        defer { self.truecaser = truecaser }
        let inCapitals = infos.withUnsafeBufferPointer { NERFeatureExtractor.isInCapitals($0) }
        let inTitleCase = !inCapitals && infos.withUnsafeBufferPointer {
            truecaser.isInTitleCase($0) && !NERGazetteer.isBondTermsLine($0)
        }
        sentenceIsInCapitals = inCapitals
        sentenceWasRecased = inCapitals || inTitleCase
        guard inCapitals || inTitleCase else {
            if observesWhileDecoding { infos.withUnsafeBufferPointer { truecaser.observe(plain: $0) } }
            return
        }
        // Words inside a known name of two or more words keep their capital ("BEVERLY HILLS").
        annotate()
        let kicker = inCapitals ? Self.kickerLength(infos) : 0
        for i in infos.indices {
            let info = infos[i]
            let (known, insideName) = Self.knownName(info)
            let casing: NERCasing
            if i < kicker && info.gazetteer & NERFeatureExtractor.knowledgeBaseGazetteerMask == 0 {
                // A country whose name is also a word keeps its capital ("TURKEY - CILLER BACKS …").
                let capitalised = recased(i, .capitalised).withUnsafeBufferPointer { model.extractor.info(utf8: $0) }
                casing = model.gazetteer?.isCountryName(capitalised) == true ? .capitalised : .lower
            } else if inCapitals {
                guard let restored = truecaser.casing(for: info, first: i == 0, insideName: insideName, known: known),
                    restored != .upper
                else { continue }
                casing = restored
            } else {
                // A word a newswire rule put in a name keeps its capital ("Curtly" in "Australia
                // 310-5 ( Mark Waugh 107 , Curtly Ambrose 3-44 )", a scorecard's line that has the
                // shape of a title-case headline).
                guard i > 0, info.forcedTag == 0 || !info.forcedTagIsFirm,
                      truecaser.lowersInTitle(info, insideName: insideName, known: known) else { continue }
                casing = .lower
            }
            infos[i] = recased(i, casing).withUnsafeBufferPointer { model.extractor.info(utf8: $0) }
        }
    }

    /// The number of words of a headline's topic "kicker" ("RUGBY UNION - CUTTITTA BACK FOR ITALY":
    /// 2), the one to three words before a dash that is the second to fourth token of a sentence of
    /// four or more and not its last; 0 for any other sentence, and when one of those words is a
    /// listed given name ("JACKIE TAYLOR - SHE IS …", "HOLLY - THE OWNER …"). In capitals they are
    /// lowered, not capitalised as the sentence's first words, so that the dash does not join them to
    /// the name after it; a knowledge-base name among them keeps its casing ("NHL ICE HOCKEY -"), a
    /// name-list match does not ("Rugby" the town, "Union" the New Jersey one).
    static func kickerLength(_ infos: [NERTokenInfo]) -> Int {
        guard infos.count >= 4 else { return 0 }
        func isTopicWord(_ info: NERTokenInfo) -> Bool {
            info.isCapitalised && NERFeatureExtractor.listPosition(info, .givenName) == 0
        }
        return (1 ... 3).first { dash in
            dash + 1 < infos.count && infos[dash].word == NERGazetteer.dashWord
                && infos[0 ..< dash].allSatisfy(isTopicWord)
        } ?? 0
    }

    /// Per BILOU tag, its BIO text ("O", "B-PER", "I-MISC", …) as up to 8 little-endian bytes, and their count.
    static let bioText: [(bytes: UInt64, count: Int)] = BILOUTag.all.map { tag in
        var text = "O"
        if let label = tag.label, let position = tag.position {
            text = ((position == .begin || position == .unit) ? "B-" : "I-") + label.name
        }
        precondition(text.utf8.count <= 7, "a tag's text and its space fit in 8 bytes")
        let bytes = text.utf8.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
        return (bytes, text.utf8.count)
    }

    /// Appends the BIO tags of the last decoded sentence, space-separated, without a newline.
    func appendBIO(to output: inout [UInt8]) { Self.appendBIO(tags, to: &output) }

    /// Appends BILOU `tags` (raw values) as BIO tags, space-separated, without a newline.
    /// (Each tag's text written as one 8-byte store, into room made once: appending byte by byte
    /// read a static list and checked the output's uniqueness for every token.)
    static func appendBIO(_ tags: [UInt8], to output: inout [UInt8]) {
        guard !tags.isEmpty else { return }
        let start = output.count
        // Room for every tag's text and space, and for the last 8-byte store.
        output.append(contentsOf: repeatElement(0, count: 7 * tags.count + 8))
        let text = Self.bioText
        let end = output.withUnsafeMutableBytes { out in
            var o = start
            for (i, tag) in tags.enumerated() {
                if i > 0 { out[o] = 0x20; o += 1 }
                let (bytes, count) = text[Int(tag)]
                out.storeBytes(of: bytes.littleEndian, toByteOffset: o, as: UInt64.self)
                o += count
            }
            return o
        }
        output.removeSubrange(end...)
    }

    /// Whether a token is by itself a gazetteer match of a name type (`known`: a listed given name,
    /// surname, place, organisation or demonym), and whether it is part of such a match of two or
    /// more tokens without being a connector such as "of" (`insideName`). Commodities, written in
    /// small letters, do not count.
    @inline(__always) static func knownName(_ info: NERTokenInfo) -> (known: Bool, insideName: Bool) {
        var known = false
        var insideName = false
        for type in NERGazetteerType.allCases where type != .commodity {
            let position = NERFeatureExtractor.listPosition(info, type)
            if position == 4 { known = true } else if position != 0 { insideName = true }
        }
        return (known, insideName && !NERFeatureExtractor.runConnectors.contains(info.word))
    }

    /// Drops the forced tags (``NERTokenInfo/forcedTag``) of a known name whose every word the document
    /// has already given another type ("Chilean President Ricardo Lagos won … Lagos said": Lagos, a
    /// city, stays a person; "North Carolina" after "the North Carolina Religious Coalition"). A name
    /// with a word not seen so, or seen with the name's type, is kept ("London Metal Exchange" after
    /// "London"), and so is a firm one.
    static func releaseContradictedNames(_ infos: inout [NERTokenInfo], _ memory: NERDocumentMemory) {
        var start = 0
        while start < infos.count {
            guard let tag = BILOUTag(rawValue: infos[start].forcedTag), let label = tag.label,
                  !infos[start].forcedTagIsFirm else { start += 1; continue }
            var end = start + 1
            if tag.position == .begin {
                while end < infos.count, BILOUTag(rawValue: infos[end - 1].forcedTag)?.position != .last { end += 1 }
            }
            let contradicted = (start ..< end).allSatisfy { k in
                let history = memory.history(for: infos[k])
                return history < NERFeatureExtractor.outsideHistory && history != label.rawValue
            }
            if contradicted { for k in start ..< end { infos[k].forcedTag = 0 } }
            start = end
        }
    }

    /// Adds the gazetteer annotations to `infos` (``NERGazetteer/annotate(_:afterResultsLines:)``),
    /// then, outside sentences in capitals, the document's clubs (``NERDocumentTeams``) and the rules
    /// that need the casing lexicon: a person after a place's possessive, a role, a nationality or a
    /// title, a
    /// company by its legal suffix, an organisation after what it is ("engineering group Vosper
    /// Thornycroft"), an event named after a place ("the U.S. Open") and a listed organisation
    /// starting the sentence, and the other news and sports rules of docs/ANALYSIS.md (in a sentence
    /// in capitals, once recased, only leagues, competitions, indices, standings headings and
    /// nationalities); last, the
    /// decoding constraints (``ruleOutOutsideInUnknownNames()``, ``separateNationalitiesFromPersons()``,
    /// ``ruleOutOutsideInBracketedAcronyms()``, ``ruleOutShareClassesAndCurrencies()``,
    /// ``joinArticleSurnames()``, ``joinInnerParticles()``, ``ruleOutOutsideInKnownSurnames()`` …). A sentence in capitals or
    /// title case is annotated twice (before and after ``restoreCase(_:)``), so those constraints are
    /// cleared here first, for every token.
    mutating func annotate() {
        for i in infos.indices {
            infos[i].mustBeInsideName = false
            infos[i].mustContinueName = false
            infos[i].mustNotContinueName = false
            infos[i].mustBeOutside = false
        }
        if let gazetteer = model.gazetteer {
            let afterResultsLines = resultsLinesInDocument > 0
            sentenceIsResultsLine = infos.withUnsafeMutableBufferPointer {
                gazetteer.annotate($0, afterResultsLines: afterResultsLines)
                    || NERGazetteer.announcesResults(UnsafeBufferPointer($0))
            }
            infos.withUnsafeMutableBufferPointer { infos in
                if NERGazetteer.opensCricketReport(UnsafeBufferPointer(infos)) { documentIsCricketReport = true }
                if NERGazetteer.opensTeamSportsReport(UnsafeBufferPointer(infos)) { documentIsTeamSportsReport = true }
                if NERGazetteer.opensMotorRacingReport(UnsafeBufferPointer(infos)) { documentIsMotorRacingReport = true }
                guard documentIsCricketReport else { return }
                for side in NERGazetteer.countySides(UnsafeBufferPointer(infos)) { NERGazetteer.forceTeam(side, .org, infos) }
                if let ground = NERGazetteer.countyScoreGround(UnsafeBufferPointer(infos)) {
                    NERGazetteer.forceFirmly(ground, .loc, infos)
                }
            }
            if memory != nil, !sentenceIsInCapitals, !teams.isEmpty || documentIsTeamSportsReport {
                infos.withUnsafeMutableBufferPointer { infos in
                    teams.force(infos)
                    guard teams.hasClub || documentIsTeamSportsReport else { return }
                    // (Before the document has a club, a town after a score's "at" in a sentence that
                    // names a country, not one a club is named like, is the venue of a national side's match.)
                    let clubsLikeCountries = NERGazetteer.clubsNamedLikeCountries
                    let venues = teams.hasClub || !infos.contains {
                        $0.isCapitalised && gazetteer.isCountryName($0) && !clubsLikeCountries.contains($0.word)
                    }
                    let clubs = NERGazetteer.clubsAfterMatchVerbs(UnsafeBufferPointer(infos), venues: venues, isCountryName: gazetteer.isCountryName)
                        + NERGazetteer.listedClubsStandingAlone(UnsafeBufferPointer(infos), isCountryName: gazetteer.isCountryName)
                        + NERGazetteer.clubsBeforeMatchVerbs(UnsafeBufferPointer(infos), isCountryName: gazetteer.isCountryName)
                    for club in clubs { NERGazetteer.forceTeam(club, .org, infos) }
                }
            }
            var companyNames: [[UInt64]] = []
            defer { if memory != nil { for name in companyNames { teams.recordCompany(name) } } }
            if let lexicon = truecaser?.lexicon, !sentenceIsInCapitals {
                let isCommonWord = { (word: UInt64) in lexicon.casing(of: word) == .lower }
                let isKnownWord = { (word: UInt64) in lexicon.casing(of: word) != nil }
                infos.withUnsafeMutableBufferPointer { infos in
                    // (A read-only view of the same tokens: it sees each rule's forced names.)
                    let tokens = UnsafeBufferPointer(infos)
                    // (Most of these rules name only runs with a capitalised word after the sentence's
                    // first. A sentence without one, 59 % of the speed file's and 17 % of the
                    // newswire probes', skips them (docs/PERFORMANCE.md); the rules that can name its
                    // first word alone, "Polish officials said", "Inkombank said", run on every sentence.)
                    let hasCapitalAfterFirst = tokens.dropFirst().contains { $0.isCapitalised }
                    func afterFirst(_ rule: @autoclosure () -> [Range<Int>]) -> [Range<Int>] {
                        hasCapitalAfterFirst ? rule() : []
                    }
                    let bondTerms = NERGazetteer.bondTerms(tokens)
                    for (name, label) in bondTerms.names { NERGazetteer.forceFirmly(name, label, infos) }
                    for k in bondTerms.outside where infos[k].forcedTag == 0 { infos[k].mustBeOutside = true }
                    let persons = afterFirst(
                        NERGazetteer.personsAfterCues(tokens, isKnownWord: isKnownWord, isCommonWord: isCommonWord)
                    )
                        + afterFirst(NERGazetteer.playersInFigureBrackets(tokens))
                    for person in persons {
                        NERGazetteer.forceFirmly(person, .per, infos)
                    }
                    let companies = afterFirst(NERGazetteer.companiesWithLegalSuffix(tokens, isCommonWord: isCommonWord))
                    for company in companies {
                        NERGazetteer.forceFirmly(company, .org, infos)
                        let name = NERGazetteer.withoutLegalSuffix(company, tokens)
                        if name.count < company.count { companyNames.append(name.map { tokens[$0].word }) }
                        if let first = NERGazetteer.shortCompanyName(name, tokens, isCommonWord: isCommonWord) {
                            companyNames.append([tokens[first].word])
                        }
                    }
                    let described = afterFirst(NERGazetteer.organizationsAfterDescriptors(tokens, isCommonWord: isCommonWord))
                    for organization in described {
                        NERGazetteer.forceFirmly(organization, .org, infos)
                    }
                    for airline in afterFirst(NERGazetteer.airlines(tokens)) {
                        NERGazetteer.forceFirmly(airline, .org, infos)
                    }
                    let organizations = afterFirst(NERGazetteer.organizationsBeforeTitles(tokens))
                        + afterFirst(NERGazetteer.organizationsNamedLikePersons(tokens))
                        + afterFirst(NERGazetteer.organizationsByHeadWordsBeforeTitles(tokens, isCommonWord: isCommonWord))
                        + afterFirst(NERGazetteer.organizationsSpelledByAcronyms(tokens))
                        + afterFirst(NERGazetteer.organizationsInContinents(tokens))
                        + afterFirst(NERGazetteer.organizationsOfHeadWords(tokens, isCountryName: gazetteer.isCountryName))
                        + NERGazetteer.commonwealth(tokens)
                        + afterFirst(NERGazetteer.broadcastersOfPlaces(tokens))
                    // (Not over part of a name forced already, by a rule before in this list.)
                    for organization in organizations where !NERGazetteer.crossesForcedName(organization, infos) {
                        NERGazetteer.forceFirmly(organization, .org, infos)
                    }
                    if let company = NERGazetteer.companiesInPriceLists(tokens, isCommonWord: isCommonWord) {
                        NERGazetteer.forceFirmly(company, .org, infos)
                    }
                    for place in afterFirst(NERGazetteer.placesAfterOf(tokens)) + NERGazetteer.placesBeforeTitles(tokens) {
                        NERGazetteer.forceFirmly(place, .loc, infos)
                    }
                    for party in afterFirst(NERGazetteer.partiesBeforeParty(tokens, isKnownWord: isKnownWord)) {
                        NERGazetteer.forceFirmly(party, .org, infos)
                    }
                    let miscellany = NERGazetteer.miscellanyNames(tokens) + NERGazetteer.indicesBeforeIndex(tokens)
                        + NERGazetteer.sportsCompetitions(tokens) + NERGazetteer.standingsHeadings(tokens)
                        + NERGazetteer.marketAndTreatyNames(tokens)
                    for name in miscellany {
                        NERGazetteer.forceFirmly(name, .misc, infos)
                    }
                    for firm in afterFirst(NERGazetteer.firmsByForeignHeadWords(tokens))
                        + NERGazetteer.banksNamedByTheirWord(tokens, isCommonWord: isCommonWord)
                        + NERGazetteer.listedAcronyms(tokens)
                        + NERGazetteer.acronymsBeforeMembers(tokens, isKnownWord: isKnownWord) {
                        NERGazetteer.forceFirmly(firm, .org, infos)
                    }
                    let clubs = afterFirst(NERGazetteer.clubsAfterDescriptors(tokens, isCountryName: gazetteer.isCountryName))
                        + afterFirst(NERGazetteer.clubsWithPrefixes(tokens)) + afterFirst(NERGazetteer.clubsByLastWord(tokens))
                        + afterFirst(NERGazetteer.teamsBeforeTeam(tokens, isCountryName: gazetteer.isCountryName))
                        + (documentIsMotorRacingReport ? NERGazetteer.racingTeams(tokens) : [])
                    for club in clubs {
                        NERGazetteer.forceTeam(club, .org, infos)
                    }
                    for team in NERGazetteer.teamsOfTeamMates(tokens, isCommonWord: isCommonWord)
                    where !NERGazetteer.crossesForcedName(team, infos) {
                        NERGazetteer.forceTeam(team, .org, infos)
                    }
                    let places = NERGazetteer.placesBeforeDescriptors(tokens, isCommonWord: isCommonWord)
                        + afterFirst(NERGazetteer.placesWithHeadWords(tokens, isCommonWord: isCommonWord))
                        + afterFirst(NERGazetteer.placesJoinedToPlaces(tokens, isKnownWord: isKnownWord))
                    for place in places { NERGazetteer.forceFirmly(place, .loc, infos) }
                    if hasCapitalAfterFirst, let place = NERGazetteer.placeOpeningASentence(tokens) {
                        NERGazetteer.forceFirmly(place, .loc, infos)
                    }
                    let businesses = afterFirst(NERGazetteer.workplaces(tokens, isCommonWord: isCommonWord))
                        + afterFirst(NERGazetteer.organizationsOfAKind(tokens, isCommonWord: isCommonWord))
                        + afterFirst(NERGazetteer.organizationsBeforeRoles(tokens, isCommonWord: isCommonWord))
                        + NERGazetteer.companiesWhoseSharesMoved(tokens, isCommonWord: isCommonWord)
                        + NERGazetteer.companiesWithPriceMoves(tokens, isCommonWord: isCommonWord)
                        + afterFirst(NERGazetteer.bodiesWithHeadWords(tokens, isCommonWord: isCommonWord))
                        + NERGazetteer.organizationsBeforeDescriptors(tokens, isCommonWord: isCommonWord, isKnownWord: isKnownWord)
                    for organization in businesses where !organization.contains(where: { infos[$0].forcedTag != 0 }) {
                        NERGazetteer.forceFirmly(organization, .org, infos)
                    }
                    for person in afterFirst(NERGazetteer.personsBeforeOf(tokens)) {
                        NERGazetteer.forceFirmly(person, .per, infos)
                    }
                    for nationality in NERGazetteer.nationalities(tokens, isKnownWord: isKnownWord, isCommonWord: isCommonWord) {
                        NERGazetteer.forceFirmly(nationality, .misc, infos)
                    }
                    for event in afterFirst(NERGazetteer.eventsNamedAfterPlaces(tokens)) {
                        NERGazetteer.forceFirmly(event, .misc, infos)
                    }
                    if let first = NERGazetteer.listedOrganizationStartingASentence(tokens, isCommonWord: isCommonWord) {
                        NERGazetteer.forceFirmly(first, .org, infos)
                    }
                }
            } else if sentenceIsInCapitals {
                // (A headline's league or index, once its words have their usual case back: "ENGLISH
                // PREMIER LEAGUE", "NIKKEI ENDS LOWER".)
                infos.withUnsafeMutableBufferPointer { infos in
                    let tokens = UnsafeBufferPointer(infos)
                    let miscellany = NERGazetteer.sportsCompetitions(tokens) + NERGazetteer.indicesBeforeIndex(tokens)
                        + NERGazetteer.standingsHeadings(tokens) + NERGazetteer.marketAndTreatyNames(tokens)
                    for name in miscellany {
                        NERGazetteer.forceFirmly(name, .misc, infos)
                    }
                    // ("UZBEK COTTON HARVEST", "SRI LANKAN TROOPS KILL 40 REBELS".)
                    guard let lexicon = truecaser?.lexicon else { return }
                    for nationality in NERGazetteer.nationalities(tokens, inCapitals: true, isCommonWord: { lexicon.casing(of: $0) == .lower }) {
                        NERGazetteer.forceFirmly(nationality, .misc, infos)
                    }
                }
            }
        }
        ruleOutOutsideInUnknownNames()
        if !sentenceIsInCapitals {
            separateNationalitiesFromPersons()
            ruleOutOutsideInBracketedAcronyms()
            ruleOutShareClassesAndCurrencies()
        }
        ruleOutCommonWordContinuations()
        ruleOutContinuationsAcrossSeparators()
        ruleOutOpeningQualifiers()
        ruleOutRanks()
        ruleOutDaysAfterPrepositions()
        joinArticleSurnames()
        joinInnerParticles()
        if !sentenceWasRecased { startNamesAtParticles() }
        joinSaintNames()
        if !personSurnames.isEmpty, !sentenceIsInCapitals { ruleOutOutsideInKnownSurnames() }
    }

    /// Records the last word of each person of two or more words in `tags` (``personSurnames``):
    /// a word with a capital and small letters, three bytes or more (not an initial), and no day or
    /// month ("in May" after "Theresa May" stays the month).
    private mutating func recordPersonSurnames(_ tags: [UInt8]) {
        typealias F = NERFeatureExtractor
        for k in tags.indices.dropFirst() {
            guard let tag = BILOUTag(rawValue: tags[k]), tag.label == .per, tag.position == .last,
                  infos[k].flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasPeriod) == F.flagInitialUpper | F.flagHasLower,
                  infos[k].length >= 3, !NERGazetteer.calendarWords.contains(infos[k].word)
            else { continue }
            personSurnames.insert(infos[k].word)
        }
    }

    /// A word standing alone (no capitalised word or joining connector next to it) that is the
    /// surname of a person the document named earlier in full must be inside a name
    /// (``NERTokenInfo/mustBeInsideName``; the model chooses the type, which the document history
    /// makes the person's): "Muster , the Austrian third seed , lost" after "Thomas Muster", where the
    /// weights read the common word "muster" at the sentence's start as nothing.
    private mutating func ruleOutOutsideInKnownSurnames() {
        typealias F = NERFeatureExtractor
        let n = infos.count
        for i in infos.indices {
            // (The flags and neighbours first: most tokens fail them without a set lookup.)
            guard infos[i].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower,
                  infos[i].forcedTag == 0 else { continue }
            if i > 0, infos[i - 1].isCapitalised || i > 1 && infos[i - 2].isCapitalised && F.runConnectors.contains(infos[i - 1].word) {
                continue
            }
            if i + 1 < n, infos[i + 1].isCapitalised || i + 2 < n && infos[i + 2].isCapitalised && F.runConnectors.contains(infos[i + 1].word) {
                continue
            }
            if personSurnames.contains(infos[i].word) { infos[i].mustBeInsideName = true }
        }
    }

    /// A sentence that starts with two capitalised words that neither the casing lexicon (every word
    /// of the training files and 50,593 English words) nor the gazetteer knows, followed by a word in
    /// small letters, starts with a name: "Hristo Stoichkov missed a penalty", "Alen Boksic scored";
    /// so does one whose second word the lists have only as a surname ("Jansher Khan beat").
    /// Its two words must be inside a name (``NERTokenInfo/mustBeInsideName``); the model chooses the
    /// type and the span. The weights alone left such names out: at a sentence's start a capital says
    /// little, and nothing else about the words was known. One such word alone is left to the model
    /// ("Aisby is a village": a place the model would have called a person, docs/PERFORMANCE.md).
    /// Inside a sentence, an unknown word and a listed surname or another unknown word after it, alone
    /// between words in small letters (for two unknown words, not after a figure), must be one
    /// person's, organisation's or place's name ("and Ijaz Ahmed hit 56", "nominated Gediminas
    /// Vagnorius of").
    mutating func ruleOutOutsideInUnknownNames() {
        guard infos.count >= 3, let lexicon = truecaser?.lexicon else { return }
        typealias F = NERFeatureExtractor
        func isUnknownWord(_ info: NERTokenInfo) -> Bool {
            info.flags & (F.flagInitialUpper | F.flagHasLower | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                && info.gazetteer == 0 && info.forcedTag == 0 && lexicon.casing(of: info.word) == nil
        }
        /// A word the lists have only as a surname ("Jansher Khan beat …").
        func isListedOnlyAsSurname(_ info: NERTokenInfo) -> Bool {
            info.flags & (F.flagInitialUpper | F.flagHasLower | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                && info.gazetteer != 0 && info.gazetteer & ~NERGazetteer.surnameBits == 0 && info.forcedTag == 0
        }
        /// A word the lists have as a surname (maybe a given name too) and as nothing else.
        func isListedSurname(_ info: NERTokenInfo) -> Bool {
            info.flags & (F.flagInitialUpper | F.flagHasLower | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                && F.listPosition(info, .surname) == 4 && info.gazetteer & ~NERGazetteer.personNameBits == 0
                && info.forcedTag == 0
        }
        // Inside the sentence, an unknown word right before a listed surname ("and Ijaz Ahmed hit 56":
        // the weights had tagged the surname alone) or before another unknown word ("nominated
        // Gediminas Vagnorius of the conservative Homeland Union": the weights had left it out),
        // the two alone between words in small letters, is one name. (Capitals first, the lexicon
        // last: most tokens fail before any lookup.)
        for i in 1 ..< infos.count - 1 where infos[i].isCapitalised && infos[i + 1].isCapitalised && !infos[i - 1].isCapitalised {
            guard i + 2 == infos.count || !infos[i + 2].isCapitalised, isUnknownWord(infos[i]),
                  isListedSurname(infos[i + 1]) || infos[i - 1].flags & F.flagHasDigit == 0 && isUnknownWord(infos[i + 1])
            else { continue }
            infos[i].mustBeInsideName = true
            infos[i + 1].mustBeInsideName = true
            infos[i + 1].mustContinueName = true
        }
        // One word will do when the lists have it only as a surname and the casing lexicon not at all
        // ("Graf won", "Trudeau will extend"; not "Mount laser sights", whose word the lexicon has).
        if infos[1].flags & F.flagsOfLetters == F.flagHasLower, isListedOnlyAsSurname(infos[0]),
           lexicon.casing(of: infos[0].word) == nil
        {
            infos[0].mustBeInsideName = true
            return
        }
        let next = infos[2].flags & F.flagsOfLetters
        guard next == F.flagHasLower, isUnknownWord(infos[0]), isUnknownWord(infos[1]) || isListedOnlyAsSurname(infos[1])
        else { return }
        infos[0].mustBeInsideName = true
        infos[1].mustBeInsideName = true
    }

    /// A share class's letter before "shares", "share" or "stock" is no part of the company's name
    /// ("Ericsson B shares gained", "Perstorp B shares fell"), and "Sterling" opening a sentence
    /// before a word in small letters is the currency ("Sterling rose against the mark"): both are outside every name
    /// (``NERTokenInfo/mustBeOutside``). The weights had put the letter in the name and read
    /// "Sterling" as a person.
    mutating func ruleOutShareClassesAndCurrencies() {
        typealias F = NERFeatureExtractor
        let n = infos.count
        if n >= 2, infos[0].word == Self.sterlingWord, infos[0].forcedTag == 0,
           infos[1].flags & F.flagsOfLetters == F.flagHasLower {
            infos[0].mustBeOutside = true
        }
        for i in infos.indices.dropFirst().dropLast() where infos[i].length == 1 && infos[i].isCapitalised {
            guard Self.shareWords.contains(infos[i + 1].word), infos[i - 1].isCapitalised, infos[i].forcedTag == 0 else { continue }
            infos[i].mustBeOutside = true
        }
    }
    private static let sterlingWord = NERFeatureExtractor.wordHash("sterling")
    private static let shareWords = NERGazetteer.words(["shares", "share", "stock"])

    /// An acronym in brackets right after two capitalised words (maybe joined by a connector) names
    /// what they end: "the National Council for the Defence of Democracy ( CNDD )", "the Popular
    /// Revolutionary Army ( EPR )". It must be inside a name (``NERTokenInfo/mustBeInsideName``; the
    /// model chooses the type): a word of two to six capitals only, not forced, in a sentence that is
    /// no results line, after a name holding an organisation's head word (``NERGazetteer/cueOrgHead``,
    /// ``NERGazetteer/groupHeadWords``), a listed organisation's word or a word a rule forced as an
    /// organisation's ("Philippine Airlines ( PAL )"); after a forced organisation, also one word
    /// with a capital and small letters, hyphens allowed ("Qatar Liquefied Gas Co ( Qatargas )",
    /// "Skandinaviska Enskilda Banken ( S-E-Banken )"); after a forced organisation the bracketed
    /// name is forced as one (``NERTokenInfo/forcedTag``). The weights had left such acronyms out
    /// when they did not know them, and the document's later "The CNDD" with them.
    mutating func ruleOutOutsideInBracketedAcronyms() {
        typealias F = NERFeatureExtractor
        guard !sentenceIsResultsLine else { return }
        let (open, close) = (NERGazetteer.openBracketWord, NERGazetteer.closeBracketWord)
        let notAcronym = F.flagHasLower | F.flagHasDigit | F.flagHasHyphen | F.flagHasPeriod | F.flagNoAlphanumeric | F.flagNonASCII
        let word = F.flagInitialUpper | F.flagHasLower
        for i in infos.indices.dropFirst(2).dropLast(2) where infos[i].word == open {
            let acronym = infos[i + 1]
            let isAcronym = acronym.flags & notAcronym == 0 && acronym.flags & F.flagAllUpper != 0 && (2 ... 6).contains(acronym.length)
            // (A short name may hold hyphens: "Skandinaviska Enskilda Banken ( S-E-Banken )".)
            let isWord = acronym.flags & (notAcronym | F.flagsOfLetters) & ~F.flagHasHyphen == word
            guard infos[i + 2].word == close, isAcronym || isWord, acronym.forcedTag == 0, !acronym.mustBeOutside,
                  infos[i - 1].isCapitalised,
                  infos[i - 2].isCapitalised || i >= 3 && infos[i - 3].isCapitalised && F.runConnectors.contains(infos[i - 2].word)
            else { continue }
            // The name before it (its capitalised words and connectors, up to ten words back) is an
            // organisation's by a head word or the lists ("Council", "Army", "Party"; not "the Basic
            // Travel Allowance ( BTA )"), or a rule forced it as one ("Philippine Airlines ( PAL )");
            // a short name in small letters only after a forced one ("Qatar Liquefied Gas Co ( Qatargas )").
            var k = i - 1
            var (isOrganization, isForcedOrganization) = (false, false)
            while k >= 0, k >= i - 10, infos[k].isCapitalised || F.runConnectors.contains(infos[k].word) {
                isForcedOrganization = isForcedOrganization || BILOUTag(rawValue: infos[k].forcedTag)?.label == .org
                isOrganization = isOrganization || isForcedOrganization || infos[k].cues & NERGazetteer.cueOrgHead != 0
                    || infos[k].gazetteer & NERGazetteer.organizationBits != 0 || NERGazetteer.groupHeadWords.contains(infos[k].word)
                k -= 1
            }
            guard isAcronym ? isOrganization : isForcedOrganization else { continue }
            // (After a forced organisation the short name is one too, not only some name: "Forum for the
            // Restoration of Democracy-Kenya ( FORD-Kenya )", which the model would read as a place.)
            if isForcedOrganization {
                infos[i + 1].forcedTag = BILOUTag(.unit, .org).rawValue
                infos[i + 1].forcedTagIsFirm = true
            } else {
                infos[i + 1].mustBeInsideName = true
            }
        }
    }

    /// A nationality (a listed demonym or one of ``NERGazetteer/demonymsInMan``) right before a person's name (a
    /// listed given name and another capitalised word) is no part of it: the given name must not
    /// continue a name (``NERTokenInfo/mustNotContinueName``): "beat Czech Daniel Vacek", "meets Frenchman Cedric Pioline", "Montenegrin Predrag Mijatovic",
    /// "fellow Scot John Higgins" (``scotWord``).
    /// The weights had read the nationality as the person's first word, or the whole as an organisation.
    mutating func separateNationalitiesFromPersons() {
        typealias F = NERFeatureExtractor
        let n = infos.count
        let (manDemonyms, scot) = (NERGazetteer.demonymsInMan, Self.scotWord)
        // (The given name first: most tokens fail it with no set lookup.)
        for i in infos.indices.dropLast(2) where F.listPosition(infos[i + 1], .givenName) == 4 && infos[i].isCapitalised {
            let (name, next) = (infos[i + 1], infos[i + 2])
            // (A given name that is a place's too is one before a listed surname: "Englishman Roy Hodgson".)
            guard name.gazetteer & NERGazetteer.placeOrOrganizationBits == 0 || F.listPosition(next, .surname) == 4,
                  next.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower,
                  i + 3 == n || !infos[i + 3].isCapitalised,
                  F.listPosition(infos[i], .demonym) == 4 || manDemonyms.contains(infos[i].word) || infos[i].word == scot
            else { continue }
            infos[i + 1].mustNotContinueName = true
        }
    }

    /// ``NERTokenInfo/word`` of "Scot", a nationality before a person's given name ("fellow Scot John
    /// Higgins") and a given name too ("Scot Gemmill"), so no listed demonym.
    private static let scotWord = NERFeatureExtractor.wordHash("Scot")

    /// A word in small letters after a capitalised one does not continue its name when the casing
    /// lexicon has it in small letters and it is no connector or particle that names hold ("of",
    /// "and", "de", "al", "bin" …): "the official Xinhua news agency", "the British army 's
    /// headquarters", "Brent blend". The training files' web text, which writes names in small
    /// letters and annotates "the Korean peninsula" as one place, had taught the weights to run a
    /// name on into such words; newswire writes a name's own words with capitals.
    mutating func ruleOutCommonWordContinuations() {
        guard let lexicon = truecaser?.lexicon else { return }
        typealias F = NERFeatureExtractor
        let (connectors, particles) = (F.runConnectors, Self.nameParticles)  // (Read once, not per token.)
        for i in infos.indices.dropFirst() where infos[i - 1].isCapitalised {
            // (The lexicon's binary search last: most words after a capital are connectors.)
            guard infos[i].flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasHyphen | F.flagHasPeriod) == F.flagHasLower,
                  infos[i].forcedTag == 0, !infos[i].mustBeInsideName, !infos[i].mustContinueName,
                  !connectors.contains(infos[i].word), !particles.contains(infos[i].word),
                  lexicon.casing(of: infos[i].word) == .lower
            else { continue }
            infos[i].mustNotContinueName = true
        }
    }

    /// Words that separate what stands around them continue no name
    /// (``NERTokenInfo/mustNotContinueName``), unless a rule forced or joined them: a place's
    /// possessive ("China 's Foreign Ministry", "Hong Kong 's Hang Seng index": the "'s" after a place's
    /// last word or a country's name; the weights had read one organisation), a day's or a month's
    /// ("Sunday 's Italian Grand Prix"), "on" before a day or a
    /// month ("at the City Ground on Saturday"), and a dash standing alone after a word in capitals
    /// ("NOTE - South African Breweries", "SOCCER - DUTCH …": the weights had read a note's label as
    /// the company's first word).
    mutating func ruleOutContinuationsAcrossSeparators() {
        typealias F = NERFeatureExtractor
        let (possessive, on, dash, calendar) = (NERGazetteer.possessiveWord, NERGazetteer.onWord, NERGazetteer.dashWord, NERGazetteer.calendarWords)
        for i in infos.indices.dropFirst() where infos[i - 1].isCapitalised {
            let word = infos[i].word
            guard word == possessive || word == on || word == dash,
                  infos[i].forcedTag == 0, !infos[i].mustBeInsideName, !infos[i].mustContinueName
            else { continue }
            let before = infos[i - 1]
            let separates: Bool
            switch word {
            case possessive:
                let position = F.listPosition(before, .location)
                separates = i + 1 < infos.count && infos[i + 1].isCapitalised && before.flags & F.flagInitialUpper != 0
                    && (position == 3 || position == 4 || model.gazetteer?.isCountryName(before) == true
                        || calendar.contains(before.word))
            case on: separates = i + 1 < infos.count && calendar.contains(infos[i + 1].word)
            default: separates = before.flags & F.flagAllUpper != 0 && before.length >= 2
            }
            if separates { infos[i].mustNotContinueName = true }
        }
    }

    /// A sentence's first word that qualifies the name after it is outside every name
    /// (``NERTokenInfo/mustBeOutside``): a team's standing ("Champions Ajax were held", "Leaders PSV
    /// Eindhoven kept", "Holders Manchester United beat"), a preposition ("In Denver , Peter
    /// Forsberg scored") or a descriptor ("Former Masters champion", "Carmaker Proton gained",
    /// ``NERGazetteer/openingDescriptors``). Not before "League", "Cup" or another word of a
    /// competition's name ("Champions League"), nor a forced name's (the sports rules leave these
    /// words out of teams: ``NERGazetteer/openingQualifiers``). The weights had put the word in the
    /// team's name.
    mutating func ruleOutOpeningQualifiers() {
        typealias F = NERFeatureExtractor
        guard infos.count >= 2, infos[0].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower,
              infos[1].isCapitalised, infos[0].forcedTag == 0,
              NERGazetteer.openingQualifiers.contains(infos[0].word), !Self.competitionWords.contains(infos[1].word)
        else { return }
        infos[0].mustBeOutside = true
        infos[0].mustBeInsideName = false
    }

    /// A day of the week after "on", "since", "until", "till", "last" or "next" is outside every name
    /// (``NERTokenInfo/mustBeOutside``): "said on Thursday British Airways and American Airlines
    /// would", whose company the weights, and a rule reading the capitalised run, had opened with the
    /// day. A name a rule forced from the day on loses the day; a day a rule forced alone, or inside a
    /// longer forced name, keeps its name, and so does a day in a known name ("on Thursday Island",
    /// if the knowledge base lists it). No name of the probes' or the training files' has such a day
    /// in it (none of the eight there); the weights' own names that open with one lose it whole.
    mutating func ruleOutDaysAfterPrepositions() {
        typealias F = NERFeatureExtractor
        let (days, prepositions) = (Self.dayWords, Self.prepositionsOfDays)  // (Read once, not per token.)
        let n = infos.count
        for i in infos.indices.dropFirst()
        where (6 ... 9).contains(infos[i].length) && infos[i].flags & F.flagHasDigit == 0
            && infos[i].gazetteer & F.knowledgeBaseGazetteerMask == 0
            && days.contains(infos[i].word) && prepositions.contains(infos[i - 1].word) {
            if let forced = BILOUTag(rawValue: infos[i].forcedTag), let label = forced.label {
                guard forced.position == .begin else { continue }
                var last = i + 1
                while last < n, BILOUTag(rawValue: infos[last].forcedTag)?.position == .inside { last += 1 }
                guard last < n, BILOUTag(rawValue: infos[last].forcedTag)?.position == .last else { continue }
                let isFirm = infos[i].forcedTagIsFirm
                infos.withUnsafeMutableBufferPointer { infos in
                    if isFirm {
                        NERGazetteer.forceFirmly(i + 1 ..< last + 1, label, infos)
                    } else {
                        NERGazetteer.force(i + 1 ..< last + 1, label, infos)
                    }
                }
                infos[i].forcedTag = 0
                infos[i].forcedTagIsFirm = false
                infos[i].forcedAsTeam = false
            }
            infos[i].mustBeOutside = true
            infos[i].mustBeInsideName = false
        }
    }
    private static let dayWords = NERGazetteer.words(Array(NERGazetteer.dayAndMonthNames.prefix(7)))
    private static let prepositionsOfDays = NERGazetteer.words(["on", "since", "until", "till", "last", "next"])

    /// A role written with a hyphen, right before a capitalised word, is outside every name
    /// (``NERTokenInfo/mustBeOutside``): "Lieutenant-Colonel Isaie Nibizi", "Fly-half Arwel Thomas",
    /// "Secretary-General Boutros Boutros-Ghali" (``NERGazetteer/hyphenatedRoles``; not a word a rule
    /// forced). So are military or guerrilla ranks before a listed given name ("spokesman Major Peter
    /// Sorensen", "Lieutenant Colonel Peter Smith", "Subcomandante Marcos": ``NERGazetteer/rankLength(at:_:ranks:roles:)``;
    /// not "Major League", nor "General Motors", whose second word is no given name). The knowledge base's title cues are single words
    /// that are no surname, and the weights had put the role in the name.
    mutating func ruleOutRanks() {
        let (rankWords, roles) = (NERGazetteer.ranks, NERGazetteer.hyphenatedRoles)  // (Read once, not per token.)
        let ranks: [Range<Int>] = infos.withUnsafeBufferPointer { infos in
            var found: [Range<Int>] = []
            var i = 0
            while i + 1 < infos.count {
                let length = infos[i].forcedTag == 0 && infos[i].isCapitalised
                    ? NERGazetteer.rankLength(at: i, infos, ranks: rankWords, roles: roles) : 0
                if length > 0 { found.append(i ..< i + length) }
                i += max(length, 1)
            }
            return found
        }
        for rank in ranks {
            for k in rank where infos[k].forcedTag == 0 {
                infos[k].mustBeOutside = true
                infos[k].mustBeInsideName = false
            }
        }
    }

    /// Words of competitions' names that such a word may open ("Champions League", "Champions Cup").
    private static let competitionWords = NERGazetteer.words(
        ["league", "cup", "trophy", "series", "tour", "trophies", "day"]
    )

    /// Words in small letters inside names besides ``NERFeatureExtractor/runConnectors``: Arabic,
    /// Spanish, Portuguese, Italian and Dutch particles ("Osama bin Laden", "Rio de Janeiro", "Dar es
    /// Salaam").
    private static let nameParticles = NERGazetteer.words(
        ["s", "al", "el", "es", "bin", "ibn", "bint", "abu", "y", "e", "di", "do", "dos", "das", "della", "ter", "ten", "zu", "op", "am", "im", "in", "to", "by", "at", "a"]
    )

    /// A particle that stands only inside names, between two capitalised words that no rule forced,
    /// joins them (``NERTokenInfo/mustContinueName`` on it and the word after it): "Daniel arap Moi",
    /// "Ngugi wa Thiong'o" (persons' particles), "Companhia Vale do Rio Doce", "Banco do Brasil",
    /// "Gimnasia y Esgrima" (Portuguese and Spanish ones, ``NERGazetteer/innerNameParticles``; both
    /// words around them written with a capital and small letters, as no headline in capitals is,
    /// and the first not the sentence's first word: "Why do Democrats want …").
    /// The model chooses the type. The weights had made two names of the words around it.
    mutating func joinInnerParticles() {
        typealias F = NERFeatureExtractor
        let (arap, wa, particles) = (Self.arapWord, Self.waWord, NERGazetteer.innerNameParticles)
        func isWord(_ info: NERTokenInfo) -> Bool {
            info.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
        }
        // (Lengths and capitals first: most tokens fail them with no hash compared.)
        for i in infos.indices.dropFirst().dropLast() where infos[i].length <= 4 && infos[i - 1].isCapitalised && infos[i + 1].isCapitalised {
            // (Not after the sentence's first word, maybe after a quote: "Why do Democrats want …".)
            guard infos[i].word == arap || infos[i].word == wa
                    || particles.contains(infos[i].word) && isWord(infos[i - 1]) && isWord(infos[i + 1])
                        && !infos.withUnsafeBufferPointer({ NERGazetteer.opensSentence(at: i - 1, $0) }),
                  infos[i].flags & F.flagsOfLetters == F.flagHasLower,
                  (i - 1 ... i + 1).allSatisfy({ infos[$0].forcedTag == 0 && !infos[$0].mustBeOutside })
            else { continue }
            infos[i].mustContinueName = true
            infos[i + 1].mustContinueName = true
        }
    }

    /// The persons' particles of ``joinInnerParticles()``.
    private static let arapWord = NERFeatureExtractor.wordHash("arap")
    private static let waWord = NERFeatureExtractor.wordHash("wa")

    /// A surname with the Arabic article ("al-Assad", "el-Din", "Al-Fayed") after a capitalised word
    /// that is no title, no nationality, no common word and no name a rule forced continues that
    /// word's name (``NERTokenInfo/mustContinueName``): "Hafez al-Assad", "Farouq al-Shara", "Omar
    /// Hassan al-Bashir". The model chooses the type (a person's, organisation's or place's: "Sharm
    /// el-Sheikh" is a place) and where the name starts. The weights had ended such names before the
    /// article, or made the surname a name of its own.
    mutating func joinArticleSurnames() {
        typealias F = NERFeatureExtractor
        let (shape, capitalShape, al, el) = (Self.articleSurnameShape, Self.capitalArticleSurnameShape, Self.alPrefix, Self.elPrefix)
        for i in infos.indices.dropFirst() {
            let surname = infos[i], before = infos[i - 1]
            // The word before must be a name's, not a common word ("The al-Qaeda network", "But
            // al-Assad refused", "In al-Arish") nor a nationality ("Syrian al-Assad").
            guard surname.shortShape == shape || surname.shortShape == capitalShape,
                  surname.prefixes[2] == al || surname.prefixes[2] == el,
                  before.flags & (F.flagInitialUpper | F.flagHasLower | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower,
                  before.cues & NERGazetteer.cueTitle == 0, before.forcedTag == 0, surname.forcedTag == 0, !before.mustBeOutside,
                  F.listPosition(before, .demonym) == 0, truecaser?.lexicon.casing(of: before.word) != .lower
            else { continue }
            infos[i].mustContinueName = true
        }
    }

    /// A surname's particles in small letters, after a word that is not capitalised and no article,
    /// start a name with the capitalised word after them: "with de Klerk", "talks with van den
    /// Broek", "by von Weizsaecker". The particles must be inside a name
    /// (``NERTokenInfo/mustBeInsideName``) and the surname must continue it
    /// (``NERTokenInfo/mustContinueName``); the model chooses the type. Not when the surname is a word
    /// the casing lexicon has in small letters or the lists have as a place or nationality ("coup de
    /// Grace", "pas de Calais"), a day or a month ("a parked van Sunday"), or a rule forced it (unless as a person, whose name then takes the
    /// particles: "M. Slater c de Silva b Dharmasena 35"), nor in a sentence whose case was restored (a
    /// title-case headline's "De" is lowered). The weights had left the particle out ("Klerk").
    mutating func startNamesAtParticles() {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var i = 0
        while i < n {
            defer { i += 1 }
            // (The flags and lengths first: most tokens fail them without a set lookup.)
            guard infos[i].length <= 3, infos[i].flags & F.flagsOfLetters == F.flagHasLower, i + 1 < n,
                  infos[i + 1].isCapitalised || i + 2 < n && infos[i + 2].isCapitalised,
                  i == 0 || !infos[i - 1].isCapitalised && infos[i - 1].flags & F.flagHasDigit == 0,
                  Self.surnameParticles.contains(infos[i].word), i == 0 || !NERGazetteer.articleWords.contains(infos[i - 1].word)
            else { continue }
            // One or two particles ("van den"), then the surname.
            let surname = i + 1 < n && Self.surnameParticles.contains(infos[i + 1].word) ? i + 2 : i + 1
            guard surname < n, infos[surname].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower,
                  (i ..< surname).allSatisfy({ infos[$0].forcedTag == 0 }) else { continue }
            // A person a rule forced from the surname on takes the particles in ("c de Silva b …").
            if let tag = BILOUTag(rawValue: infos[surname].forcedTag), tag.label == .per,
               tag.position == .begin || tag.position == .unit
            {
                var end = surname + 1
                while end < n, let next = BILOUTag(rawValue: infos[end].forcedTag), next.label == .per,
                      next.position == .inside || next.position == .last { end += 1 }
                infos.withUnsafeMutableBufferPointer { NERGazetteer.forceFirmly(i ..< end, .per, $0) }
                i = end - 1
                continue
            }
            guard infos[surname].forcedTag == 0, !NERGazetteer.calendarWords.contains(infos[surname].word),
                  truecaser?.lexicon.casing(of: infos[surname].word) != .lower,
                  infos[surname].gazetteer & (NERGazetteer.listedOrKnownPlaceBits | NERGazetteer.demonymBits) == 0
            else { continue }
            for k in i ..< surname {
                infos[k].mustBeInsideName = true
                infos[k].mustNotContinueName = false
            }
            infos[surname].mustContinueName = true
            i = surname
        }
    }

    /// "St" or "St." and the capitalised word after it are one name, of a type the model chooses:
    /// "based in St Louis", "St Petersburg" (``NERTokenInfo/mustBeInsideName``,
    /// ``NERTokenInfo/mustContinueName``). Not after a capitalised word ("London St Pancras", "Tor St
    /// Toowoomba": a street), nor "ST" in capitals. The weights had read "Louis" alone as a person.
    mutating func joinSaintNames() {
        typealias F = NERFeatureExtractor
        let (st, stPeriod) = (Self.stWord, Self.stPeriodWord)  // (Read once, not per token.)
        for i in infos.indices.dropLast() where infos[i].word == st || infos[i].word == stPeriod {
            let next = infos[i + 1]
            guard infos[i].flags & (F.flagInitialUpper | F.flagHasLower) == F.flagInitialUpper | F.flagHasLower,
                  i == 0 || !infos[i - 1].isCapitalised, infos[i].forcedTag == 0, next.forcedTag == 0,
                  next.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
            else { continue }
            infos[i].mustBeInsideName = true
            infos[i].mustNotContinueName = false
            infos[i + 1].mustContinueName = true
        }
    }
    private static let stWord = NERFeatureExtractor.wordHash("St")
    private static let stPeriodWord = NERFeatureExtractor.wordHash("St.")

    /// Surnames' particles written in small letters ("de Klerk", "van den Broek", "von Weizsaecker").
    private static let surnameParticles = NERGazetteer.words(
        ["de", "van", "von", "den", "der", "du", "da", "di", "dos", "ter", "le", "la"]
    )

    /// The short shapes of "al-Assad" and "Al-Fayed", and the three-byte prefixes "al-" and "el-" (as
    /// lowercased for the prefix features).
    private static let articleSurnameShape = NERFeatureExtractor(hashBits: 8).info(for: "al-Assad").shortShape
    private static let capitalArticleSurnameShape = NERFeatureExtractor(hashBits: 8).info(for: "Al-Fayed").shortShape
    private static let alPrefix = NERFeatureExtractor(hashBits: 8).info(for: "al-Assad").prefixes[2]
    private static let elPrefix = NERFeatureExtractor(hashBits: 8).info(for: "el-Din").prefixes[2]

    /// Decodes `infos` into `tags`, then updates the document memory. With `filter`, returns the
    /// decoded spans it keeps, with their probabilities; otherwise nothing.
    @discardableResult
    mutating func run(probabilitiesFor filter: ((NERSpan) -> Bool)?) -> [NERSpan] {
        let n = infos.count
        var tags = [UInt8](repeating: 0, count: n)
        var spans: [NERSpan] = []
        defer { self.tags = tags }
        guard n > 0 else { return [] }
        if sentenceIsResultsLine { resultsLinesInDocument += 1 }
        if let memory { Self.releaseContradictedNames(&infos, memory) }
        let staticCount = NERFeatureExtractor.staticFeatureCount
        var rows = self.rows, rowStarts = self.rowStarts
        self.rows = []
        self.rowStarts = []
        defer { self.rows = rows; self.rowStarts = rowStarts }
        if rows.count < n * staticCount { rows = [UInt32](repeating: 0, count: n * staticCount) }
        if rowStarts.count < n + 1 { rowStarts = [Int32](repeating: 0, count: n + 1) }
        infos.withUnsafeBufferPointer { infos in
            rows.withUnsafeMutableBufferPointer { rows in
            rowStarts.withUnsafeMutableBufferPointer { starts in
                model.extractor.staticRows(infos, into: rows.baseAddress!)
                NERFeatureExtractor.dropNullRows(rows.baseAddress!, tokenCount: n, starts: starts.baseAddress!)
                tags.withUnsafeMutableBufferPointer { tags in
                withExtendedLifetime(model.packedWeights) {
                    let scores = NERTokenScores(
                        extractor: model.extractor, table: model.packedWeights.rows,
                        transitionTable: model.transitionTable, probabilityScale: model.probabilityScale,
                        infos: infos, rows: UnsafePointer(rows.baseAddress!),
                        rowStarts: UnsafePointer(starts.baseAddress!), memory: memory
                    )
                    spans = model.extractor.featureSet.contains(.viterbi)
                        ? scores.viterbi(tags: tags, probabilitiesFor: filter)
                        : scores.greedy(tags: tags, probabilitiesFor: filter)
                }
                }
            }
            }
        }
        if var memory = self.memory {
            infos.withUnsafeBufferPointer { teams.record($0) }
            if !sentenceIsInCapitals { recordPersonSurnames(tags) }
            self.memory = nil
            infos.withUnsafeBufferPointer { infos in
                tags.withUnsafeBufferPointer { tags in memory.record(infos: infos, tags: tags, inCapitals: sentenceIsInCapitals) }
            }
            self.memory = memory
        }
        if !sentenceIsInCapitals, var names = headlineNames {
            headlineNames = nil
            infos.withUnsafeBufferPointer { infos in
                tags.withUnsafeBufferPointer { tags in names.record(infos: infos, tags: tags) }
            }
            headlineNames = names
        }
        return spans
    }
}

/// The integer score vector (tags 0 ..< 16 and tag 16) of a set of rows of a packed weight table
/// (``NERPackedWeights``): each row's 17 Int8 weights shifted left by its exponent, summed with
/// wrapping in Int32. The sum runs in C
/// (`CAssayScores`), which uses AVX2 when the CPU has it; Swift itself compiles for the baseline
/// x86-64 (SSE2), where sign-extending the bytes alone took more instructions than the rest.
@inline(__always) private func scoreRows(
    _ rows: UnsafePointer<UInt32>, _ count: Int, _ table: UnsafePointer<Int8>
) -> (SIMD16<Int32>, Int32) {
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: BILOUTag.count) { scores in
        scores.initialize(repeating: 0)
        CAssayScores_addRows(rows, count, table, scores.baseAddress!)
        return (UnsafeRawPointer(scores.baseAddress!).loadUnaligned(as: SIMD16<Int32>.self), scores[16])
    }
}

/// The token-independent transition scores of a Viterbi model without ``NERFeatureSet/tagConjunctions``,
/// computed once at load (see ``NERModel/transitionTable``).
final class NERTransitionTable: Sendable {
    /// Per previous tag (`0 ... BILOUTag.count`, the last being the sentence start), row after row:
    /// the transition score of every tag in integer score units, with −∞ for the illegal transitions.
    let rowMajorScores: [Float]
    /// The same as `exp(probabilityScale × (score − max))`, the factor a transition contributes to a
    /// path's probability (0 for the illegal transitions; see ``NERModel/probabilityScale``), per
    /// previous tag (`0 ... BILOUTag.count`) over the tags.
    let potentials: [NERForwardBackward.Vector]
    /// The same factors per tag over the previous tags `0 ..< BILOUTag.count` (the start excluded).
    let potentialColumns: [NERForwardBackward.Vector]

    init(extractor: NERFeatureExtractor, weights: NERPackedWeights, probabilityScale: Double) {
        var scores16: [SIMD16<Float>] = []
        var scores17: [Float] = []
        var rows = [UInt32](repeating: 0, count: NERFeatureExtractor.maxTransitionFeatureCount)
        let info = NERFeatureExtractor.beginPad
        withExtendedLifetime(weights) {
            rows.withUnsafeMutableBufferPointer { r in
                for p in 0 ... BILOUTag.count {
                    let c = extractor.transitionRows(info: info, previous: UInt8(p), into: r.baseAddress!)
                    let (s16, s17) = scoreRows(UnsafePointer(r.baseAddress!), c, weights.rows)
                    scores16.append(SIMD16<Float>(s16) + NERTransitions.penalty16[p])
                    scores17.append(Float(s17) + NERTransitions.penalty17[p])
                }
            }
        }
        let finite = (scores16.flatMap { v in (0 ..< 16).map { v[$0] } } + scores17).filter(\.isFinite)
        let shift = Double(finite.max() ?? 0)
        self.rowMajorScores = (0 ... BILOUTag.count).flatMap { p in (0 ..< 16).map { scores16[p][$0] } + [scores17[p]] }
        let k = BILOUTag.count
        let factor = { (score: Float) in Float(exp(probabilityScale * (Double(score) - shift))) }
        let potentials = (0 ... k).map { p in
            var row = SIMD16<Float>(repeating: 0)
            for t in 0 ..< 16 { row[t] = factor(scores16[p][t]) }
            return (row, factor(scores17[p]))
        }
        self.potentials = potentials
        self.potentialColumns = (0 ..< k).map { [potentials] t in NERForwardBackward.column(t, of: { potentials[$0] }) }
    }
}

extension NERTransitions {
    /// Additive penalties that forbid illegal BILOU transitions: for every previous tag
    /// (`BILOUTag.count` = the sentence start) 0 for the allowed successors and −∞ for the others.
    static let penalty16: [SIMD16<Float>] = (0 ... BILOUTag.count).map { p in
        var v = SIMD16<Float>(repeating: 0)
        for t in 0 ..< 16 where !allowed[p * BILOUTag.count + t] { v[t] = -.infinity }
        return v
    }
    static let penalty17: [Float] = (0 ... BILOUTag.count).map { p in
        allowed[p * BILOUTag.count + 16] ? 0 : -.infinity
    }
    /// 0 / −∞ for the tags a sentence may / may not end on.
    static let endPenalty16: SIMD16<Float> = {
        var v = SIMD16<Float>(repeating: 0)
        for t in 0 ..< 16 where !canEnd[t] { v[t] = -.infinity }
        return v
    }()
    static let endPenalty17: Float = canEnd[16] ? 0 : -.infinity
}

/// The scores of one sentence under a model: the static rows of every token (already extracted),
/// plus the rows that depend on the previous tag and on the document history.
///
/// The score of tag `t` at token `i` after tag `p` is the token's emission score (static and history
/// rows) plus the transition score of `p → t` (``NERFeatureExtractor/transitionRows(info:previous:into:)``),
/// summed in Int32; −∞ marks an illegal transition. A path's probability is proportional to
/// `exp(probabilityScale × Σ scores)` over its tokens (``NERModel/probabilityScale``).
struct NERTokenScores {
    // (The model's parts, not the model: a copy of `NERModel` retained and released its every
    // reference once a sentence, 1.4 % of the instructions of `assay tag`: docs/PERFORMANCE.md.)
    let extractor: NERFeatureExtractor
    /// The model's packed weight rows (``NERPackedWeights``), for the sentence.
    let table: UnsafePointer<Int8>
    let transitionTable: NERTransitionTable?
    let probabilityScale: Double
    let infos: UnsafeBufferPointer<NERTokenInfo>
    /// The static rows of every token, without the null rows (``NERFeatureExtractor/dropNullRows(_:tokenCount:starts:)``).
    let rows: UnsafePointer<UInt32>
    /// Where token `i`'s rows start in `rows` (`infos.count + 1` entries, the last the end).
    let rowStarts: UnsafePointer<Int32>
    let memory: NERDocumentMemory?

    /// The previous-tag index of the sentence start.
    static let start = BILOUTag.count

    /// Per tag, the emission scores that leave a token only that tag (``NERTokenInfo/forcedTag``):
    /// every other tag is ruled out. Tags 0 ..< 16 sit in the vector, tag 16 (`U-MISC`) apart.
    static let onlyTag: [(SIMD16<Int32>, Int32)] = BILOUTag.all.map { tag in
        var scores = SIMD16<Int32>(repeating: ruledOut)
        if tag.rawValue < 16 { scores[Int(tag.rawValue)] = 0 }
        return (scores, tag.rawValue < 16 ? ruledOut : 0)
    }
    /// An emission score no path recovers from: a token's score is at most 52 static and 6 dynamic or
    /// transition rows of 127 × 2^``NERModel/maxExponent``, below 2^29 in size, and −2^30 plus that
    /// still fits in Int32.
    static let ruledOut: Int32 = -(1 << 30)

    /// The emission scores of token `i`: its static rows plus, with a document memory, its history rows;
    /// only its forced tag when it has one (``onlyTag``).
    @inline(__always)
    func emission(_ i: Int, _ scratch: UnsafeMutablePointer<UInt32>) -> (SIMD16<Int32>, Int32) {
        let forced = infos[i].forcedTag
        if forced != 0 || infos[i].mustBeOutside { return Self.onlyTag[Int(forced)] }
        var (e16, e17) = staticScores(i)
        let history = memory?.history(for: infos[i]) ?? NERFeatureExtractor.noHistory
        let h = extractor.historyRows(info: infos[i], history: history, into: scratch)
        if h > 0 {
            let (h16, h17) = scoreRows(UnsafePointer(scratch), h, table)
            e16 &+= h16
            e17 &+= h17
        }
        constrain(i, &e16, &e17)
        return (e16, e17)
    }

    /// Applies token `i`'s decoding constraints other than a forced tag to its scores: only the
    /// inside and last tags (``NERTokenInfo/mustContinueName``), no `O`
    /// (``NERTokenInfo/mustBeInsideName``) or no inside and last tags
    /// (``NERTokenInfo/mustNotContinueName``), the first that is set.
    @inline(__always)
    func constrain(_ i: Int, _ s16: inout SIMD16<Int32>, _ s17: inout Int32) {
        if infos[i].mustContinueName {
            s16 &+= Self.continuation.0
            s17 &+= Self.continuation.1
        } else if infos[i].mustBeInsideName {
            s16[Int(BILOUTag.outside.rawValue)] = Self.ruledOut
        } else if infos[i].mustNotContinueName {
            s16 &+= Self.noContinuation.0
            s17 &+= Self.noContinuation.1
        }
    }

    /// The summed static rows of token `i`.
    @inline(__always)
    func staticScores(_ i: Int) -> (SIMD16<Int32>, Int32) {
        let start = Int(rowStarts[i])
        return scoreRows(rows + start, Int(rowStarts[i + 1]) - start, table)
    }

    /// Scores that leave a token only the inside and last tags of persons, organisations and places
    /// (``NERTokenInfo/mustContinueName``).
    static let continuation: (SIMD16<Int32>, Int32) = {
        var scores = (SIMD16<Int32>(repeating: ruledOut), ruledOut)
        for tag in BILOUTag.all
        where (tag.position == .inside || tag.position == .last) && tag.label != nil && tag.label != .misc {
            if tag.rawValue < 16 { scores.0[Int(tag.rawValue)] = 0 } else { scores.1 = 0 }
        }
        return scores
    }()

    /// Scores that rule out the inside and last tags of every type (``NERTokenInfo/mustNotContinueName``).
    static let noContinuation: (SIMD16<Int32>, Int32) = {
        var scores = (SIMD16<Int32>(repeating: 0), Int32(0))
        for tag in BILOUTag.all where tag.position == .inside || tag.position == .last {
            if tag.rawValue < 16 { scores.0[Int(tag.rawValue)] = ruledOut } else { scores.1 = ruledOut }
        }
        return scores
    }()

    /// The scores of every tag at token `i` after previous tag `p` for a model without a transition
    /// table, given the token's emission scores, as a sum `base + offset`: the emission plus the
    /// token's transition rows (summed in Int32), and the penalties of the illegal transitions.
    /// Viterbi adds the path score as `base + (offset + path)`, the order in which the decoder has
    /// always added them, so its ties fall the same way.
    @inline(__always)
    func scores(
        _ i: Int, after p: Int, emission: (SIMD16<Int32>, Int32),
        _ scratch: UnsafeMutablePointer<UInt32>
    ) -> (base: (SIMD16<Float>, Float), offset: (SIMD16<Float>, Float)) {
        let c = extractor.transitionRows(info: infos[i], previous: UInt8(p), into: scratch)
        let (t16, t17) = scoreRows(UnsafePointer(scratch), c, table)
        return (
            (SIMD16<Float>(emission.0 &+ t16), Float(emission.1 &+ t17)),
            (NERTransitions.penalty16[p], NERTransitions.penalty17[p])
        )
    }

    /// Calls `body` with a scratch buffer for the rows that
    /// depend on earlier decisions (dynamic, transition or history rows, whichever is largest).
    @inline(__always)
    func withScratch<R>(_ body: (UnsafeMutablePointer<UInt32>) -> R) -> R {
        let capacity = max(NERFeatureExtractor.maxDynamicFeatureCount, NERFeatureExtractor.maxTransitionFeatureCount)
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { scratch in
            body(scratch.baseAddress!)
        }
    }

    // MARK: Viterbi

    /// Exact Viterbi decoding over the legal BILOU sequences (``NERFeatureSet/viterbi``) into `tags`;
    /// scores are summed in Float along the path and illegal transitions get −∞, so the result is
    /// always well formed. With `probabilitiesFor`, returns the decoded spans it keeps with their probabilities
    /// (``spanProbabilities(_:tags:emissions:_:_:_:)``), otherwise nothing.
    func viterbi(tags: UnsafeMutableBufferPointer<UInt8>, probabilitiesFor filter: ((NERSpan) -> Bool)?) -> [NERSpan] {
        let n = infos.count
        let k = BILOUTag.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n * k) { back in
        withUnsafeTemporaryAllocation(of: (SIMD16<Int32>, Int32).self, capacity: n) { emissions in
        withScratch { scratch in
            // Every emission first: their rows do not depend on the path, so their reads overlap; and
            // the rows of the token two ahead are asked for while this one's are summed (memory
            // reads, not arithmetic, bound the sums: 7 % less CPU over 25 interleaved runs).
            func prefetch(_ i: Int) {
                let first = Int(rowStarts[i])
                CAssayScores_prefetchRows(rows + first, Int(rowStarts[i + 1]) - first, table)
            }
            if n > 1 { prefetch(1) }
            for i in 0 ..< n {
                if i + 2 < n { prefetch(i + 2) }
                emissions[i] = self.emission(i, scratch)
            }
            let back = back.baseAddress!
            var (delta16, delta17) = transitionTable.map { forward(UnsafeBufferPointer(emissions), table: $0, back: back) }
                ?? forwardWithTransitionRows(UnsafeBufferPointer(emissions), back: back, scratch)
            delta16 += NERTransitions.endPenalty16
            delta17 += NERTransitions.endPenalty17
            // Backtrace from the best final tag (ties: the lowest index, so `O` first).
            var bestTag = 0
            var bestScore = delta16[0]
            for t in 1 ..< k {
                let v = t < 16 ? delta16[t] : delta17
                if v > bestScore { bestScore = v; bestTag = t }
            }
            var t = UInt8(bestTag)
            for i in stride(from: n - 1, through: 0, by: -1) {
                tags[i] = t
                t = back[i * k + Int(t)]
            }
            guard let filter else { return [] }
            return spanProbabilities(
                NERTagScheme.spans(fromBILOU: tags.map { BILOUTag(uncheckedRawValue: $0) }).filter(filter),
                tags: UnsafeBufferPointer(tags), emissions: UnsafeBufferPointer(emissions), scratch
            )
        }
        }
        }
    }

    /// The Viterbi forward pass with the model's transition table, in C (`CAssayScores`, with AVX2
    /// when the CPU has it; the same loop in Swift, which compiles for SSE2, took about three times
    /// its share of the CPU time: docs/PERFORMANCE.md):
    /// writes every token's best previous tags to `back` and returns the last token's path scores.
    func forward(
        _ emissions: UnsafeBufferPointer<(SIMD16<Int32>, Int32)>, table: NERTransitionTable, back: UnsafeMutablePointer<UInt8>
    ) -> (SIMD16<Float>, Float) {
        precondition(Self.emissionsAreContiguous)
        let stride = MemoryLayout<(SIMD16<Int32>, Int32)>.stride / MemoryLayout<Int32>.stride
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: BILOUTag.count) { last in
            UnsafeRawPointer(emissions.baseAddress!).withMemoryRebound(to: Int32.self, capacity: emissions.count * stride) { e in
                CAssayScores_viterbiForward(emissions.count, e, stride, table.rowMajorScores, back, last.baseAddress!)
            }
            return (UnsafeRawPointer(last.baseAddress!).loadUnaligned(as: SIMD16<Float>.self), last[16])
        }
    }

    /// Whether an emission's 17 scores lie next to each other in memory, as the C forward pass reads them.
    static let emissionsAreContiguous = MemoryLayout<(SIMD16<Int32>, Int32)>.offset(of: \.1) == MemoryLayout<SIMD16<Int32>>.size

    /// The Viterbi forward pass of a model whose transition rows depend on the token
    /// (``NERFeatureSet/tagConjunctions``): writes every token's best previous tags to `back` and
    /// returns the last token's path scores.
    func forwardWithTransitionRows(
        _ emissions: UnsafeBufferPointer<(SIMD16<Int32>, Int32)>, back: UnsafeMutablePointer<UInt8>,
        _ scratch: UnsafeMutablePointer<UInt32>
    ) -> (SIMD16<Float>, Float) {
        let k = BILOUTag.count
        let start = Self.start
        var delta16 = SIMD16<Float>(repeating: 0)
        var delta17: Float = 0
        for i in 0 ..< emissions.count {
            var best16 = SIMD16<Float>(repeating: -.infinity)
            var best17 = -Float.infinity
            var back16 = SIMD16<Int32>(repeating: Int32(start))
            var back17 = UInt8(start)
            // The sentence start is the only previous tag of the first token.
            for p in i == 0 ? start ..< start + 1 : 0 ..< k {
                let dp: Float = i == 0 ? 0 : (p < 16 ? delta16[p] : delta17)
                if dp == -.infinity { continue }
                let (base, offset) = scores(i, after: p, emission: emissions[i], scratch)
                let c16 = base.0 + (offset.0 + dp)
                let better = c16 .> best16
                best16.replace(with: c16, where: better)
                back16.replace(with: SIMD16<Int32>(repeating: Int32(p)), where: better)
                let c17 = base.1 + offset.1 + dp
                if c17 > best17 { best17 = c17; back17 = UInt8(p) }
            }
            let b = back + i * k
            for t in 0 ..< 16 { b[t] = UInt8(truncatingIfNeeded: back16[t]) }
            b[16] = back17
            delta16 = best16
            delta17 = best17
        }
        return (delta16, delta17)
    }

    // MARK: Span probabilities

    /// The probability of each span under the model's distribution over legal tag sequences
    /// (`p(path) ∝ exp(probabilityScale × score(path))`); see ``NERForwardBackward``.
    ///
    /// Each factor is `exp(probabilityScale × (score − shift))` with a per-token shift (the shifts
    /// cancel out), so no factor exceeds 1. With a transition table the factor is the token's emission
    /// factor (shifted by its largest emission) times the table's transition factor (shifted by the
    /// table's largest), so only 17 `exp` per token; otherwise every score is computed and the shift
    /// is the token's largest finite score.
    func spanProbabilities(
        _ spans: [NERSpan], tags: UnsafeBufferPointer<UInt8>, emissions: UnsafeBufferPointer<(SIMD16<Int32>, Int32)>,
        _ scratch: UnsafeMutablePointer<UInt32>
    ) -> [NERSpan] {
        guard !spans.isEmpty else { return [] }
        let n = tags.count
        let k = BILOUTag.count
        let scale = Float(probabilityScale)
        let table = transitionTable
        return withUnsafeTemporaryAllocation(of: NERForwardBackward.Vector.self, capacity: n * k) { rows in
        withUnsafeTemporaryAllocation(of: NERForwardBackward.Vector.self, capacity: n * k) { columns in
            for i in 0 ..< n {
                let (e16, e17) = emissions[i]
                if let table {
                    let shift = max(e16.max(), e17)
                    var f16 = SIMD16<Float>(repeating: 0)
                    for t in 0 ..< 16 { f16[t] = expf(scale * Float(e16[t] &- shift)) }
                    let f17 = expf(scale * Float(e17 &- shift))
                    if i == 0 {
                        let start = table.potentials[NERTokenScores.start]
                        rows[0] = (f16 * start.0, f17 * start.1)
                        continue
                    }
                    for p in 0 ..< k { rows[i * k + p] = (f16 * table.potentials[p].0, f17 * table.potentials[p].1) }
                    for t in 0 ..< k {
                        let f = t < 16 ? f16[t] : f17
                        columns[i * k + t] = (f * table.potentialColumns[t].0, f * table.potentialColumns[t].1)
                    }
                } else {
                    // Scores first, then factors shifted by the token's largest finite score.
                    let previousTags = i == 0 ? NERTokenScores.start ..< NERTokenScores.start + 1 : 0 ..< k
                    var largest = -Float.infinity
                    for p in previousTags {
                        let (base, offset) = scores(i, after: p, emission: emissions[i], scratch)
                        let score = (base.0 + offset.0, base.1 + offset.1)
                        rows[NERForwardBackward.index(i, p)] = score
                        for t in 0 ..< k where NERForwardBackward.component(score, t).isFinite {
                            largest = max(largest, NERForwardBackward.component(score, t))
                        }
                    }
                    for p in previousTags {
                        let (s16, s17) = rows[NERForwardBackward.index(i, p)]
                        var f16 = SIMD16<Float>(repeating: 0)
                        for t in 0 ..< 16 { f16[t] = expf(scale * (s16[t] - largest)) }
                        rows[NERForwardBackward.index(i, p)] = (f16, expf(scale * (s17 - largest)))
                    }
                    guard i > 0 else { continue }
                    for t in 0 ..< k { columns[i * k + t] = NERForwardBackward.column(t, of: { rows[i * k + $0] }) }
                }
            }
            return NERForwardBackward.spanProbabilities(
                spans, tags: tags, rows: UnsafeBufferPointer(rows), columns: UnsafeBufferPointer(columns)
            )
        }
        }
    }

    // MARK: Greedy

    /// Greedy left-to-right decoding into `tags` with the same transition constraint (only valid
    /// successors, no open entity at the sentence end). With `probabilitiesFor`, returns the decoded
    /// spans it keeps, each with the product over its tokens of the softmax probability (at
    /// ``NERModel/probabilityScale``) of the chosen tag given the decoded previous tags.
    func greedy(tags: UnsafeMutableBufferPointer<UInt8>, probabilitiesFor filter: ((NERSpan) -> Bool)?) -> [NERSpan] {
        let n = infos.count
        let k = BILOUTag.count
        let scale = Float(probabilityScale)
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: filter == nil ? 0 : n) { local in
        withScratch { scratch in
            var previous = UInt8(k), previous2 = UInt8(k)
            for i in 0 ..< n {
                var (s16, s17) = staticScores(i)
                let history = memory?.history(for: infos[i]) ?? NERFeatureExtractor.noHistory
                let dynamicCount = extractor.dynamicRows(
                    info: infos[i], previous: previous, previous2: previous2, history: history, into: scratch
                )
                let (d16, d17) = scoreRows(UnsafePointer(scratch), dynamicCount, table)
                s16 &+= d16
                s17 &+= d17
                if infos[i].forcedTag != 0 || infos[i].mustBeOutside {
                    let (o16, o17) = Self.onlyTag[Int(infos[i].forcedTag)]
                    s16 &+= o16
                    s17 &+= o17
                } else {
                    constrain(i, &s16, &s17)
                }
                let last = i == n - 1
                let allowedBase = Int(previous) * k
                var best = 0
                var bestScore = Int32.min
                for t in 0 ..< k where NERTransitions.allowed[allowedBase + t] && (!last || NERTransitions.canEnd[t]) {
                    let score = t < 16 ? s16[t] : s17
                    if score > bestScore { bestScore = score; best = t }
                }
                tags[i] = UInt8(best)
                if filter != nil {
                    var sum: Float = 0
                    for t in 0 ..< k where NERTransitions.allowed[allowedBase + t] && (!last || NERTransitions.canEnd[t]) {
                        sum += expf(Float((t < 16 ? s16[t] : s17) - bestScore) * scale)
                    }
                    local[i] = 1 / sum
                }
                previous2 = previous
                previous = UInt8(best)
            }
            guard let filter else { return [] }
            return NERTagScheme.spans(fromBILOU: tags.map { BILOUTag(uncheckedRawValue: $0) }).filter(filter).map { span in
                var span = span
                span.confidence = span.range.reduce(1) { $0 * local[$1] }
                return span
            }
        }
        }
    }
}

/// The forward-backward algorithm over legal BILOU sequences, in probability space with per-token
/// normalisation (Rabiner's scaling), in Float: the callers' factors are at most 1, and the forward
/// and backward vectors are renormalised at every token.
enum NERForwardBackward {
    /// One factor per tag (tags `0 ..< 16` and tag 16), or per previous tag.
    typealias Vector = (SIMD16<Float>, Float)

    /// Component `t` of a vector.
    @inline(__always) static func component(_ v: Vector, _ t: Int) -> Float { t < 16 ? v.0[t] : v.1 }

    /// Column `t` of the 17 × 17 matrix whose row `p` is `row(p)`: the factors of every previous
    /// tag `p` into tag `t`, as one vector.
    @inline(__always) static func column(_ t: Int, of row: (Int) -> Vector) -> Vector {
        var column = SIMD16<Float>(repeating: 0)
        for p in 0 ..< 16 { column[p] = component(row(p), t) }
        return (column, component(row(16), t))
    }

    /// Where the factors of token `i` after previous tag `p` are in a `rows` buffer of
    /// `tokens × BILOUTag.count` vectors: token 0 has only the sentence start (``NERTokenScores/start``),
    /// in row 0; token `i > 0` has previous tags `0 ..< BILOUTag.count` in rows `i × count + p`.
    @inline(__always) static func index(_ i: Int, _ p: Int) -> Int { i == 0 ? 0 : i * BILOUTag.count + p }

    /// The probability of each span: the total weight of the legal paths that give the span's tokens
    /// the tags `tags` gives them, divided by the total weight of all legal paths (a legal path ends
    /// on a tag that may end a sentence). A path's weight is the product over its tokens of the factor
    /// of its tag `t` at token `i` after its previous tag `p`: component `t` of `rows[index(i, p)]`,
    /// 0 for an illegal transition. `columns[i × count + t]` (for `i > 0`) holds the same factors of
    /// tag `t` over the previous tags `p`, so that the backward pass is 17 vector multiply-adds a
    /// token like the forward pass.
    static func spanProbabilities(
        _ spans: [NERSpan], tags: UnsafeBufferPointer<UInt8>,
        rows: UnsafeBufferPointer<Vector>, columns: UnsafeBufferPointer<Vector>
    ) -> [NERSpan] {
        let n = tags.count
        let k = BILOUTag.count
        return withUnsafeTemporaryAllocation(of: Vector.self, capacity: n) { alpha in
        withUnsafeTemporaryAllocation(of: Vector.self, capacity: n) { beta in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: n) { norm in
            // Forward, normalised to sum 1 at every token (norm[i] is the normaliser).
            for i in 0 ..< n {
                var a16 = SIMD16<Float>(repeating: 0)
                var a17: Float = 0
                if i == 0 {
                    (a16, a17) = rows[0]
                } else {
                    for p in 0 ..< k {
                        let ap = component(alpha[i - 1], p)
                        if ap == 0 { continue }
                        let (r16, r17) = rows[i * k + p]
                        a16 += ap * r16
                        a17 += ap * r17
                    }
                }
                let total = a16.sum() + a17
                norm[i] = total
                alpha[i] = (a16 / total, a17 / total)
            }
            // Backward, scaled by the same normalisers; after the last token only the end may follow.
            var end16 = SIMD16<Float>(repeating: 0)
            for t in 0 ..< 16 where NERTransitions.canEnd[t] { end16[t] = 1 }
            let end: Vector = (end16, NERTransitions.canEnd[16] ? 1 : 0)
            beta[n - 1] = end
            for i in stride(from: n - 2, through: 0, by: -1) {
                var b16 = SIMD16<Float>(repeating: 0)
                var b17: Float = 0
                for t in 0 ..< k {
                    let g = component(beta[i + 1], t)
                    if g == 0 { continue }
                    let (c16, c17) = columns[(i + 1) * k + t]
                    b16 += g * c16
                    b17 += g * c17
                }
                beta[i] = (b16 / norm[i + 1], b17 / norm[i + 1])
            }
            // The weight of the legal endings, in the normalised units.
            let ending = (alpha[n - 1].0 * end.0).sum() + alpha[n - 1].1 * end.1
            return spans.map { span in
                var span = span
                // Entering the span's first tag, from the sentence start or from any previous tag.
                let first = Int(tags[span.start])
                var probability: Float = 0
                if span.start == 0 {
                    probability = component(rows[0], first)
                } else {
                    for p in 0 ..< k {
                        let ap = component(alpha[span.start - 1], p)
                        if ap != 0 { probability += ap * component(rows[span.start * k + p], first) }
                    }
                }
                // Staying on the span's tags, then leaving it to any legal continuation; each token's
                // normaliser divided out as it comes, so a long span does not underflow.
                probability /= norm[span.start]
                for i in span.start + 1 ..< span.end {
                    probability *= component(rows[i * k + Int(tags[i - 1])], Int(tags[i])) / norm[i]
                }
                probability *= component(beta[span.end - 1], Int(tags[span.end - 1])) / ending
                span.confidence = probability.isFinite ? min(1, max(0, probability)) : 0
                return span
            }
        }
        }
        }
    }
}
