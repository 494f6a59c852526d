/// The clubs a document's sports rules have named, and the companies its rules named with a legal
/// suffix, for its later sentences.
///
/// A newswire rule that reads a results line, a match report's result or a fixture
/// (``NERGazetteer/annotate(_:afterResultsLines:)``) knows that "Barcelona" in "Barcelona beat
/// Valencia 4-1" is a club, but the report's next sentences name it without a score ("Ronaldo
/// scored twice for Barcelona", "Chelsea 's Ruud Gullit said"), and there the weights read a city
/// as a place and "Chelsea" as a person. Once a sports rule has forced a club (`ORG`,
/// ``NERGazetteer/forceTeam(_:_:_:)``) in a sentence (``record(_:)``), the same words later in the
/// document, standing alone, are that club too (``force(_:)``), and so is the city a club is named
/// after ("Chicago" after "the Chicago Bulls"), and the rest of such a name ("United" after
/// "Manchester United", "Real" after "Real Madrid"). National sides are places and stay
/// the model's. A company named with its legal suffix is recorded by its name without the suffix
/// (``recordCompany(_:)``: "Stork" after "Stork NV") and forced again as an organisation, not as a
/// club (``hasClub`` stays false in a business story); other names forced by other rules are not.
struct NERDocumentTeams {
    /// The clubs and companies, as the case-folded hashes of their words (``NERTokenInfo/word``).
    private var teams: Set<[UInt64]> = []
    /// Those of ``teams`` recorded only as companies (``recordCompany(_:)``), forced again as
    /// organisations but not as clubs: a business story's company does not make it a sports report.
    private var companies: Set<[UInt64]> = []
    /// The first word of each club, to reject most tokens with one lookup.
    private var firstWords: Set<UInt64> = []
    /// The longest club, in words.
    private var maxWords = 0

    var isEmpty: Bool { teams.isEmpty }
    /// Whether a sports rule has recorded a club (not only companies): the document is a sports report.
    private(set) var hasClub = false

    mutating func reset() {
        teams.removeAll(keepingCapacity: true)
        companies.removeAll(keepingCapacity: true)
        firstWords.removeAll(keepingCapacity: true)
        maxWords = 0
        hasClub = false
    }

    /// Records the clubs a sports rule forced in an annotated sentence.
    mutating func record(_ infos: UnsafeBufferPointer<NERTokenInfo>) {
        var start = 0
        while start < infos.count {
            guard infos[start].forcedAsTeam, let tag = BILOUTag(rawValue: infos[start].forcedTag),
                  tag.label == .org, tag.position == .begin || tag.position == .unit
            else { start += 1; continue }
            var nameEnd = start + 1
            if tag.position == .begin {
                while nameEnd < infos.count, BILOUTag(rawValue: infos[nameEnd - 1].forcedTag)?.position != .last { nameEnd += 1 }
            }
            // (A club's number is remembered without: "Schalke" after "Schalke 04", as the later
            // sentences name it; ``NERGazetteer/forceTeam(_:_:_:)``.)
            let end = nameEnd - start >= 2 && NERGazetteer.isClubNumber(infos[nameEnd - 1]) ? nameEnd - 1 : nameEnd
            let name = (start ..< end).map { infos[$0].word }
            companies.remove(name)
            insert(name)
            hasClub = true
            // A club named after its city ("Chicago Bulls", "Detroit Red Wings", "Manchester United")
            // is named by the city alone later in the report ("… for Chicago"), and by the rest
            // ("United manager Alex Ferguson", "the Bulls"), unless that is a word such as "City" that
            // names other things alone, or a day ("Sheffield Wednesday"); a club named before its city ("Real Madrid", "Sporting
            // Lisbon", "Rapid Vienna") by the words before it ("Real coach Fabio Capello"). Not
            // when its other words are a place too ("Bayern Munich").
            let isPlace = { (k: Int) -> Bool in infos[k].gazetteer & NERGazetteer.listedOrKnownPlaceBits != 0 }
            let city = start ..< ((start ..< end).first { !isPlace($0) } ?? end)
            if !city.isEmpty, city.upperBound < end, !(city.upperBound ..< end).contains(where: isPlace) {
                insert(city.map { infos[$0].word })
                if !(city.upperBound ..< end).contains(where: { Self.genericClubWords.contains(infos[$0].word) || NERGazetteer.calendarWords.contains(infos[$0].word) }) {
                    insert((city.upperBound ..< end).map { infos[$0].word })
                }
            } else if city.isEmpty, let place = (start ..< end).first(where: isPlace),
                      (place ..< end).allSatisfy(isPlace), !(start ..< place).contains(where: { Self.genericClubWords.contains(infos[$0].word) })
            {
                insert((start ..< place).map { infos[$0].word })
            }
            start = nameEnd
        }
    }

    /// Records a company a rule named with its legal suffix, by its name without the suffix ("Stork"
    /// after "engineering group Stork NV"): the document's later "a spokesman for Stork" is the company.
    mutating func recordCompany(_ words: [UInt64]) {
        guard !words.isEmpty else { return }
        if !teams.contains(words) { companies.insert(words) }
        insert(words)
    }

    private mutating func insert(_ words: [UInt64]) {
        teams.insert(words)
        firstWords.insert(words[0])
        maxWords = max(maxWords, words.count)
    }

    /// Forces, firmly, each recorded club or company whose words stand alone in a sentence not in capitals
    /// (a club as a team, which the document records again; a company as a plain organisation):
    /// capitalised, with no capitalised word right before or after them, nor a connector that
    /// would join them into a longer name ("University of Bologna"; a possessive may follow:
    /// "Chelsea 's Ruud Gullit"), not after "in" ("a hotel in Barcelona"), and not over a name a
    /// rule forced firmly or a known name that reaches past them.
    func force(_ infos: UnsafeMutableBufferPointer<NERTokenInfo>) {
        let n = infos.count
        var i = 0
        while i < n {
            defer { i += 1 }
            guard infos[i].isCapitalised, firstWords.contains(infos[i].word) else { continue }
            if i > 0 {
                let before = infos[i - 1]
                if before.isCapitalised || before.word == NERGazetteer.inWord { continue }
                if i > 1, infos[i - 2].isCapitalised, NERFeatureExtractor.runConnectors.contains(before.word) { continue }
            }
            for length in stride(from: min(maxWords, n - i), through: 1, by: -1) {
                let end = i + length
                guard (i ..< end).allSatisfy({ infos[$0].isCapitalised }) else { continue }
                let name = (i ..< end).map { infos[$0].word }
                guard teams.contains(name) else { continue }
                if end < n {
                    let after = infos[end]
                    if after.isCapitalised { break }
                    if after.word != NERGazetteer.possessiveWord, end + 1 < n, infos[end + 1].isCapitalised,
                       NERFeatureExtractor.runConnectors.contains(after.word) { break }
                }
                if (i ..< end).contains(where: { infos[$0].forcedTagIsFirm })
                    || NERGazetteer.crossesForcedName(i ..< end, infos) { break }
                if companies.contains(name) {
                    NERGazetteer.forceFirmly(i ..< end, .org, infos)
                } else {
                    NERGazetteer.forceTeam(i ..< end, .org, infos)
                }
                i = end - 1
                break
            }
        }
    }

    /// The words of a club's name that name other things when they stand alone ("the City", "the
    /// County", "Athletic", "FC").
    private static let genericClubWords = NERGazetteer.words(
        ["city", "town", "county", "state", "athletic", "fc", "sc", "ac", "club", "the", "st", "st."]
    )
}
