public import Foundation

/// Gazetteer types used by the tagger's knowledge-base and name-list features.
public enum NERGazetteerType: Int, Sendable, CaseIterable {
    /// Knowledge-base persons (names and partial names).
    case person = 0
    /// Knowledge-base organisations, and the hand-curated organisation names of `name-lists.tsv`.
    case organization = 1
    /// Knowledge-base locations (countries, cities, regions, facilities, capitals as metonyms).
    case location = 2
    /// Demonyms ("German", "Americans"): CoNLL MISC.
    case demonym = 3
    /// Commodities ("lithium", "rare earths").
    case commodity = 4
    /// Common given names (`name-lists.tsv`: US Census lists and hand-curated names of other cultures).
    case givenName = 5
    /// Common surnames (`name-lists.tsv`: US Census lists and hand-curated names of other cultures).
    case surname = 6
    /// Places (`name-lists.tsv`: GeoNames places of 15,000 or more inhabitants, US states, first-level
    /// subdivisions, hand-curated regions, seas, rivers, mountains, islands and landmarks).
    case place = 7

    /// Number of types (at most 8: ``NERGazetteer`` keeps one bit per type per trie node).
    public static let count = allCases.count
    /// The types that come from the knowledge base proper (``givenName`` and later come from `name-lists.tsv`).
    public static let knowledgeBaseCount = givenName.rawValue
}

/// Knowledge-base gazetteer for the tagger: a trie of alias token sequences (knowledge-base aliases
/// and the name lists, including their organisation names) with the type of each, and single-token cue lists (titles before person names, organisation head words,
/// legal-form suffixes such as "Inc." and "Ltd", location prepositions).
///
/// Built at model load from the bundled knowledge base (`Resources/Knowledge/aliases.tsv`,
/// `entities.tsv`, `cues.tsv`, `legal-suffixes.tsv`) and the tagger's name lists (`name-lists.tsv`:
/// given names, surnames, populated places), so the weights file stores only the fact that gazetteer
/// features are used (``NERFeatureSet/gazetteer``, ``NERFeatureSet/nameLists``); the alias trie is
/// read from the knowledge base's index (``Index``) when it matches the tables. Matching is on the case-folded token
/// hashes of ``NERTokenInfo/word`` (exact case for the knowledge base's case-sensitive aliases); a match
/// must start at a capitalised token. For every type the longest match wins, left to right.
public final class NERGazetteer: Sendable {
    /// The knowledge-base version (`manifest.tsv`), or `"custom"`.
    public let version: String
    /// The alias trie: its edges and what each node ends (``Trie``).
    let trie: Trie
    /// Case-folded token hash → cue bits (``cueTitle`` …).
    let cues: IntegerTable
    /// Number of alias token sequences inserted.
    public var aliasCount: Int { trie.aliasCount }
    /// How many of them are given names, surnames or places (``NERFeatureSet/nameLists`` needs some).
    public var nameListCount: Int { trie.nameListCount }

    /// A title or role word that precedes a person's name ("Mr", "Chancellor", "President").
    public static let cueTitle: UInt8 = 1 << 0
    /// A head word of organisation names ("University", "Bank", "Ministry").
    public static let cueOrgHead: UInt8 = 1 << 1
    /// A legal-form suffix of company names ("Inc.", "Corp", "Ltd", "AG").
    public static let cueLegalSuffix: UInt8 = 1 << 2
    /// A word that precedes a location ("in", "near", "across").
    public static let cueLocationBefore: UInt8 = 1 << 3

    /// Creates a gazetteer from alias token sequences with their types, single-token cues, the names
    /// of known places, persons and organisations that decoding tags as such when they stand alone, and
    /// the names of countries, which a results line's team may be (``annotate(_:afterResultsLines:)``;
    /// every name must also be an alias).
    public convenience init(
        version: String, aliases: [(tokens: [String], type: NERGazetteerType, caseSensitive: Bool)],
        cues cueList: [(token: String, bits: UInt8)],
        knownPlaces: [[String]] = [], knownPersons: [[String]] = [], knownOrganizations: [[String]] = [],
        countryNames: [[String]] = []
    ) {
        let trie = Trie(
            aliases: aliases, knownPlaces: knownPlaces, knownPersons: knownPersons,
            knownOrganizations: knownOrganizations, countryNames: countryNames
        )
        self.init(version: version, trie: trie, cues: cueList)
    }

    /// Creates a gazetteer from a built trie (from the knowledge base's tables or its index,
    /// ``init(directory:)``) and the cue words.
    init(version: String, trie: Trie, cues cueList: [(token: String, bits: UInt8)]) {
        let extractor = NERFeatureExtractor(hashBits: 16)
        var cues = IntegerTable(capacity: cueList.count + Self.newswireWords.count)
        func addCue(_ word: UInt64, _ bits: Int32) {
            cues.set((cues.value(for: Self.nonZero(word)) ?? 0) | bits, for: Self.nonZero(word))
        }
        for (token, bits) in cueList { addCue(extractor.info(for: token).word, Int32(bits)) }
        // The newswire rules' words share the table, above the cue byte (``NERTokenInfo/newswireWord``).
        for (token, kind) in Self.newswireWords { addCue(extractor.info(for: token).word, Int32(kind) << 8) }
        self.version = version
        self.trie = trie
        self.cues = cues
    }

    /// The alias trie with what each node ends: the part of a gazetteer built from the knowledge
    /// base's names, which its index file stores (``NERGazetteer/Index``).
    struct Trie {
        /// Trie edges: key = mix(node, token hash) → child node.
        var edges: IntegerTable
        /// Per node, the bit set of ``NERGazetteerType`` whose aliases end there.
        var nodeTypes: [UInt8]
        /// Per node, the type of the known name that ends there, if one does (a name decoding tags
        /// as such when it stands alone, ``annotate(_:afterResultsLines:)``).
        var knownNameType: [NERLabel?]
        /// Per node, whether a country's name ends there, ambiguous ones included ("Georgia"): in a
        /// results line a team so named is a country's (``annotate(_:afterResultsLines:)``).
        var endsCountryName: [Bool]
        /// Number of alias token sequences inserted.
        var aliasCount: Int
        /// How many of them are given names, surnames or places.
        var nameListCount: Int
    }

    /// Whether one token is by itself a country's name ("Turkey", "Jordan": ambiguous ones included,
    /// as written, so "turkey" is not).
    func isCountryName(_ info: NERTokenInfo) -> Bool {
        // (Both edges: a case-sensitive "China" has its own, beside the one that starts the longer
        // "China 's Foreign Ministry", which ``child(_:_:_:)`` takes first.)
        func endsCountryName(_ key: UInt64) -> Bool {
            trie.edges.value(for: Self.nonZero(Self.edgeKey(0, key))).map { trie.endsCountryName[Int($0)] } ?? false
        }
        return endsCountryName(info.word) || info.isCapitalised && endsCountryName(info.exact)
    }

    /// Keys as ``IntegerTable`` takes them: 0 is its empty slot, so it is looked up as 1.
    @inline(__always) static func nonZero(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always) static func edgeKey(_ node: Int32, _ token: UInt64) -> UInt64 {
        NERFeatureExtractor.mix(UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15 ^ token)
    }

    /// The child of trie node `node` along token `info`: by its case-folded hash, else (for a
    /// capitalised token) by its exact hash, the edge of a case-sensitive alias.
    @inline(__always) static func child(_ edges: IntegerTable, _ node: Int32, _ info: NERTokenInfo) -> Int32? {
        if let c = edges.value(for: nonZero(edgeKey(node, info.word))) { return c }
        if info.isCapitalised {
            return edges.value(for: nonZero(edgeKey(node, info.exact)))
        }
        return nil
    }

    /// Fills ``NERTokenInfo/gazetteer`` (3 bits per type: 0 none, 1 begin, 2 inside, 3 last, 4 unit),
    /// ``NERTokenInfo/cues`` and ``NERTokenInfo/forcedTag`` of the tokens of one sentence.
    ///
    /// A known name sets ``NERTokenInfo/forcedTag`` only when it stands alone. A place's or an
    /// organisation's name must be a whole run of capitalised words
    /// (``NERFeatureExtractor/capitalisedRuns(_:)``), or that run after a sentence's first word that is
    /// no listed name ("In France", not "Kay Mann"), so "Bank of France" and "China Daily" are left to
    /// the model. A person's name must start its run or follow a title or a connector ("President Xi
    /// Jinping", "Xi - Biden", not "Hunter Biden"), and no capitalised word may follow it ("Trump
    /// Tower", "Xi Jinping Thought"). A headline's kicker that is a country ("TURKEY - …") is a place,
    /// and so is a country before a possessive (``countriesBeforePossessives(_:_:)``).
    ///
    /// In a sports results line (``resultLineTeams(_:unlistedTeams:)``: "Leeds 0 Manchester United 1",
    /// "Barcelona 15 10 4 1 33 13 34") each team is forced instead: a place when it is a country's name
    /// ("Japan 2 Syria 1": national teams, as newswire annotates them), otherwise an organisation (the
    /// club). After a results line in the same document (`afterResultsLines`), a line of the same shape
    /// is one even when a team's name is in no list ("Anderlecht 1 Lierse 1"): results come in blocks.
    /// A results line with its scorers in brackets (``resultLineScorers(_:unlistedTeams:)``: "Aberdeen
    /// 3 ( Dodds 2 , Windass ) Kilmarnock 1 ( Wright )") forces its teams so and its scorers as persons.
    /// A European cup's results line (``cupResultTeams(_:countries:)``) forces its clubs and their
    /// countries and counts as a results line too. A dateline's runs are forced places
    /// (``datelinePlaces(_:)``), a fixture's its teams, a match summary's its teams, scorers and venue,
    /// a sentence listing results its teams (``resultListTeams(_:afterResultsLines:)``);
    /// in any other sentence the known names, then a match report's teams
    /// (``sportsReportTeams(_:countries:)``), the players of line-ups, scorers lines, cricket
    /// scorecards, set scores and golf leaderboards, names with two particles, a top scorers' table,
    /// and entrants with their race teams. Teams are forced with ``forceTeam(_:_:_:)``, which the
    /// document remembers (``NERDocumentTeams``).
    ///
    /// Returns whether the sentence is a results line.
    @discardableResult
    public func annotate(_ infos: UnsafeMutableBufferPointer<NERTokenInfo>, afterResultsLines: Bool = false) -> Bool {
        let n = infos.count
        var coveredUntil = (0, 0, 0, 0, 0, 0, 0, 0)
        for i in 0 ..< n {
            let cue = cues.value(for: Self.nonZero(infos[i].word)) ?? 0
            infos[i].cues = UInt8(truncatingIfNeeded: cue)
            infos[i].newswireWord = UInt8(truncatingIfNeeded: cue >> 8)
            infos[i].gazetteer = 0
            infos[i].forcedTag = 0
            infos[i].forcedTagIsFirm = false
            infos[i].forcedAsTeam = false
        }
        var knownNames: [(range: Range<Int>, label: NERLabel)] = []
        var countries: [Range<Int>] = []
        var namesAnOrganization = false
        for i in 0 ..< n where infos[i].isCapitalised || infos[i].flags & NERFeatureExtractor.flagHasDigit != 0 {
            var node: Int32 = 0
            var longest = (0, 0, 0, 0, 0, 0, 0, 0)
            var j = i
            var known: (end: Int, label: NERLabel)?
            var countryEnd = i
            while j < n, let next = Self.child(trie.edges, node, infos[j]) {
                node = next
                j += 1
                // (An organisation's last word as written: "the Pakistan army" is the country's, not "Pakistan
                // Army"; a place's need not be: "the Gaza strip".)
                if let label = trie.knownNameType[Int(node)], label != .org || infos[j - 1].isCapitalised { known = (j, label) }
                if trie.endsCountryName[Int(node)] { countryEnd = j }
                let types = trie.nodeTypes[Int(node)]
                if types != 0 {
                    withUnsafeMutableBytes(of: &longest) { raw in
                        let l = raw.baseAddress!.assumingMemoryBound(to: Int.self)
                        for t in 0 ..< NERGazetteerType.count where types & (1 << UInt8(t)) != 0 { l[t] = j - i }
                    }
                }
            }
            guard j > i else { continue }
            if longest.1 == 1 { namesAnOrganization = true }  // (`.1`: ``NERGazetteerType/organization``)
            if let known, knownNames.last.map({ $0.range.upperBound <= i }) ?? true {
                knownNames.append((i ..< known.end, known.label))
            }
            if countryEnd > i { countries.append(i ..< countryEnd) }
            withUnsafeBytes(of: longest) { rawLongest in
                let l = rawLongest.baseAddress!.assumingMemoryBound(to: Int.self)
                withUnsafeMutableBytes(of: &coveredUntil) { rawCovered in
                    let c = rawCovered.baseAddress!.assumingMemoryBound(to: Int.self)
                    for t in 0 ..< NERGazetteerType.count where l[t] > 0 && i >= c[t] {
                        let length = l[t]
                        c[t] = i + length
                        let shift = UInt32(3 * t)
                        if length == 1 {
                            infos[i].gazetteer |= 4 << shift
                        } else {
                            infos[i].gazetteer |= 1 << shift
                            for m in i + 1 ..< i + length - 1 { infos[m].gazetteer |= 2 << shift }
                            infos[i + length - 1].gazetteer |= 3 << shift
                        }
                    }
                }
            }
        }
        // The West Indies, a side of many countries that newswire annotates as it does national
        // sides: a place, unless a capitalised word follows ("West Indies Cricket Board").
        // (Most of the rules below need a capitalised word after the sentence's first; a sentence
        // without one skips them, as the decoder's rules do, docs/PERFORMANCE.md.)
        let hasCapitalAfterFirst = infos.dropFirst().contains { $0.isCapitalised }
        let westIndies = hasCapitalAfterFirst ? Self.westIndies(UnsafeBufferPointer(infos)) : []
        for side in westIndies { Self.forceFirmly(side, .loc, infos) }
        /// A team is its country's (national sides, as newswire annotates them) or a club.
        func teamLabel(_ team: Range<Int>) -> NERLabel {
            countries.contains(team) || westIndies.contains(team) ? .loc : .org
        }
        /// The labels of the teams of a results line: a country's name that is a club's too
        /// (``clubsNamedLikeCountries``: Monaco) is that club against a club ("Cannes 0 Monaco 1",
        /// week after week in French league results); "France 2 Monaco 0" stays two national
        /// sides, and so does any other country against a side the lists do not have as one
        /// ("Western Samoa 25 Fiji 13"). Not in prose or fixtures.
        func teamLabels(_ teams: [Range<Int>]) -> [NERLabel] {
            let labels = teams.map(teamLabel)
            guard labels.count == 2, labels.contains(.org) else { return labels }
            return zip(teams, labels).map { team, label in
                label == .loc && team.count == 1 && Self.clubsNamedLikeCountries.contains(infos[team.lowerBound].word) ? .org : label
            }
        }
        // A headline's kicker that is a country ("TURKEY - CILLER BACKS ERBAKAN", "CHINA - JIANG
        // RECEIVES CHRISTOPHER"): the country, whatever else its name means, and no part of a name
        // the dash would join it to.
        if let kicker = countries.first, kicker.lowerBound == 0, kicker.upperBound + 1 < n,
           infos[kicker.upperBound].word == Self.dashWord, infos[kicker.upperBound + 1].isCapitalised
        {
            Self.forceFirmly(kicker, .loc, infos)
        }
        for country in Self.countriesBeforePossessives(UnsafeBufferPointer(infos), countries) {
            Self.forceFirmly(country, .loc, infos)
        }
        if let teams = Self.resultLineTeams(UnsafeBufferPointer(infos), unlistedTeams: afterResultsLines) {
            for (team, label) in zip(teams, teamLabels(teams)) { Self.forceTeam(team, label, infos) }
            // A closing note names nothing ("( OT )", "( aet )").
            if let note = Self.resultNote(UnsafeBufferPointer(infos)) {
                for k in note where infos[k].forcedTag == 0 { infos[k].mustBeOutside = true }
            }
            return true
        } else if hasCapitalAfterFirst, let line = Self.resultLineScorers(UnsafeBufferPointer(infos), unlistedTeams: afterResultsLines) {
            for (team, label) in zip(line.teams, teamLabels(line.teams)) { Self.forceTeam(team, label, infos) }
            for scorer in line.scorers { Self.forceFirmly(scorer, .per, infos) }
            return true
        } else if hasCapitalAfterFirst, let cup = Self.cupResultTeams(UnsafeBufferPointer(infos), countries: countries) {
            for (club, country) in cup {
                Self.forceTeam(club, .org, infos)
                Self.forceFirmly(country, .loc, infos)
            }
            return true
        } else if let places = Self.datelinePlaces(UnsafeBufferPointer(infos)) {
            for place in places { Self.forceFirmly(place, .loc, infos) }
        } else if hasCapitalAfterFirst, let teams = Self.fixtureTeams(UnsafeBufferPointer(infos)) {
            for team in teams { Self.forceTeam(team, teamLabel(team), infos) }
        } else if hasCapitalAfterFirst, let summary = Self.matchSummary(UnsafeBufferPointer(infos)) {
            for team in summary.teams { Self.forceTeam(team, teamLabel(team), infos) }
            for scorer in summary.scorers { Self.forceFirmly(scorer, .per, infos) }
            if let venue = summary.venue { Self.forceFirmly(venue, .loc, infos) }
        } else if hasCapitalAfterFirst, let teams = Self.resultListTeams(UnsafeBufferPointer(infos), afterResultsLines: afterResultsLines) {
            for team in teams { Self.forceTeam(team, teamLabel(team), infos) }
        } else {
            // (A listed one-word organisation may be one of names joined by "and": "Hoechst and Bayer".)
            if !knownNames.isEmpty || namesAnOrganization { Self.forceKnownNames(knownNames, infos) }
            for team in Self.sportsReportTeams(UnsafeBufferPointer(infos), countries: countries)
            where !Self.crossesForcedName(team, infos) {
                Self.forceTeam(team, teamLabel(team), infos)
            }
            // (Not over a known name forced already: "1 - Japan , 2 - Syria" is a table.) Line-ups,
            // scorers lines, cricket scorecards, set scores and golf leaderboards name players; a
            // name with two particles, or a surname and a hyphenated given name, is a person's.
            // A scorers line without its label names its team first ("Liverpool - Robbie Fowler ( 26th )"),
            // one whose name the gazetteer lists (not a headline's topic: "GOLF - Els ( 65 )").
            if hasCapitalAfterFirst, let line = Self.teamOfScorersLine(UnsafeBufferPointer(infos)) {
                let team = line.lowerBound ..< line.upperBound - 1
                if team.contains(where: { infos[$0].gazetteer & Self.placeOrOrganizationBits != 0 }),
                   !Self.crossesForcedName(team, infos)
                {
                    Self.forceTeam(team, teamLabel(team), infos)
                }
            }
            // A rugby scorers line names its side first, whatever the lists know ("Orrell - Penalties :").
            if hasCapitalAfterFirst, let side = Self.rugbyScorersSide(UnsafeBufferPointer(infos)), !Self.crossesForcedName(side, infos) {
                Self.forceTeam(side, teamLabel(side), infos)
            }
            let sides = hasCapitalAfterFirst ? Self.scorersLineSides(UnsafeBufferPointer(infos)) : []
            for side in sides where !Self.crossesForcedName(side, infos) {
                Self.forceTeam(side, teamLabel(side), infos)
            }
            let tokens = UnsafeBufferPointer(infos)
            let players = (hasCapitalAfterFirst ? Self.lineupPlayers(tokens) + Self.lineupWithoutNumbers(tokens) + Self.scorers(tokens) : [])
                + Self.cricketPlayers(tokens) + Self.setScorePlayers(tokens)
                + (hasCapitalAfterFirst
                    ? Self.golfPlayers(tokens, countries: countries) + Self.namesWithParticles(tokens) + Self.hyphenatedGivenNames(tokens)
                    : [])
            for player in players {
                guard !player.contains(where: { infos[$0].forcedTag != 0 }) else { continue }
                Self.forceFirmly(player, .per, infos)
            }
            if hasCapitalAfterFirst, let ranked = Self.rankedPlayers(tokens, countries: countries) {
                for player in ranked.players where !Self.crossesForcedName(player, infos) {
                    Self.forceFirmly(player, .per, infos)
                }
                for club in ranked.clubs where !Self.crossesForcedName(club, infos) { Self.forceTeam(club, .org, infos) }
            }
            // An entrant's run holds no listed place or organisation, so only a known person's name
            // can be forced in it already ("Tim Henman").
            let entrants = Self.entrants(tokens, countries: countries)
            for entrant in entrants where !Self.crossesForcedName(entrant, infos) {
                Self.forceFirmly(entrant, .per, infos)
            }
            let teams = hasCapitalAfterFirst
                ? Self.entrantTeams(tokens, entrants: entrants, countries: countries) + Self.bracketedTeamScores(tokens, countries: countries)
                : []
            for team in teams where !Self.crossesForcedName(team, infos) {
                Self.forceTeam(team, .org, infos)
            }
        }
        return false
    }

    /// The countries' names (`countries`, whole capitalised runs) right before a possessive:
    /// "Georgia 's parliament speaker", "Ecuador 's Congress", "the Ukraine 's", "sanctions on Iraq 's
    /// oil". No capitalised word may stand before the name, nor a connector after one ("the Bank of
    /// England 's", "the Bank of the Philippines 's"; "the" may, after neither),
    /// and a name of one word must be no club's (``clubsNamedLikeCountries``) nor a listed surname
    /// ("Jordan 's 40 points"). The weights had read a country named like a person, or before an
    /// institution's name, as a person or an organisation.
    static func countriesBeforePossessives(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, _ countries: [Range<Int>]
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let (possessive, the, clubs) = (possessiveWord, theWord, clubsNamedLikeCountries)
        /// No capitalised word at `k`, nor a connector after one ("the Bank of England 's").
        func isOpen(_ k: Int) -> Bool {
            k < 0 || !infos[k].isCapitalised && !(k > 0 && infos[k - 1].isCapitalised && F.runConnectors.contains(infos[k].word))
        }
        return countries.filter { country in
            let start = country.lowerBound
            guard country.upperBound < infos.count, infos[country.upperBound].word == possessive,
                  start > 0 && infos[start - 1].word == the ? isOpen(start - 2) : isOpen(start - 1)
            else { return false }
            let first = infos[start]
            return country.count > 1 || !clubs.contains(first.word) && F.listPosition(first, .surname) != 4
        }
    }

    /// Whether a known name forced on some of `range`'s tokens reaches outside it ("Winston - Salem
    /// coach …": the team "Salem" inside the place "Winston - Salem").
    static func crossesForcedName(
        _ range: Range<Int>, _ infos: UnsafeMutableBufferPointer<NERTokenInfo>
    ) -> Bool {
        let first = BILOUTag(rawValue: infos[range.lowerBound].forcedTag)?.position
        let last = BILOUTag(rawValue: infos[range.upperBound - 1].forcedTag)?.position
        return first == .inside || first == .last || last == .begin || last == .inside
    }

    /// ``forceFirmly(_:_:_:)`` for a team a sports rule found, which ``NERDocumentTeams`` remembers
    /// for the rest of the document. A club's number written with its leading zero right after it
    /// is part of its name ("German side Schalke 04 took", "Mainz 05"; no score is written so): the
    /// weights had left it out. The document remembers the name without it ("Schalke",
    /// ``NERDocumentTeams/record(_:)``).
    static func forceTeam(_ range: Range<Int>, _ label: NERLabel, _ infos: UnsafeMutableBufferPointer<NERTokenInfo>) {
        // (Not the last word of another forced name; but again when a rule names the same team twice.)
        let next = range.upperBound < infos.count ? infos[range.upperBound] : nil
        let hasNumber = label == .org && next.map(isClubNumber) == true
            && (next?.forcedTag == 0 || next?.forcedTag == BILOUTag(.last, .org).rawValue && infos[range.lowerBound].forcedAsTeam)
        forceFirmly(hasNumber ? range.lowerBound ..< range.upperBound + 1 : range, label, infos)
        for k in range { infos[k].forcedAsTeam = true }
    }

    /// Whether a token is two digits, the first a zero ("04"), as a club's number is written.
    static func isClubNumber(_ info: NERTokenInfo) -> Bool {
        info.length == 2 && info.head & 0xFF == 0x30 && (0x30 ... 0x39).contains(info.head >> 8 & 0xFF)
    }

    /// Forces the tags of one `label` name on `range` (``force(_:_:_:)``), firmly: document history
    /// does not release them (``NERDecoder/releaseContradictedNames(_:_:)``).
    static func forceFirmly(
        _ range: Range<Int>, _ label: NERLabel, _ infos: UnsafeMutableBufferPointer<NERTokenInfo>
    ) {
        force(range, label, infos)
        for k in range { infos[k].forcedTagIsFirm = true }
    }

    /// Sets ``NERTokenInfo/forcedTag`` of the tokens of `range` to the BILOU tags of one `label` name.
    static func force(
        _ range: Range<Int>, _ label: NERLabel, _ infos: UnsafeMutableBufferPointer<NERTokenInfo>
    ) {
        for k in range {
            let position: BILOUPosition = range.count == 1 ? .unit
                : k == range.lowerBound ? .begin : k == range.upperBound - 1 ? .last : .inside
            infos[k].forcedTag = BILOUTag(position, label).rawValue
        }
    }

    /// Sets ``NERTokenInfo/forcedTag`` for the known names that stand alone (see ``annotate(_:afterResultsLines:)``),
    /// a name with a comma among them ("the Coffee , Sugar and Cocoa Exchange").
    private static func forceKnownNames(
        _ names: [(range: Range<Int>, label: NERLabel)], _ infos: UnsafeMutableBufferPointer<NERTokenInfo>
    ) {
        // (A known name whose comma splits it into runs stands alone when it starts and ends runs:
        // "arabica on the Coffee , Sugar and Cocoa Exchange eased".)
        let (comma, on, the, possessive) = (commaWord, onWord, theWord, possessiveWord)
        for (name, label) in names where name.count >= 3 && name.dropFirst().contains(where: { infos[$0].word == comma }) {
            if name.lowerBound == 0 || !infos[name.lowerBound - 1].isCapitalised,
               name.upperBound == infos.count || !infos[name.upperBound].isCapitalised {
                Self.force(name, label, infos)
            }
        }
        NERFeatureExtractor.forEachCapitalisedRun(UnsafeBufferPointer(infos)) { run in
            let coordinated = Self.coordinatedNames(in: run, names, infos)
            for (match, label) in coordinated { Self.force(match, label, infos) }
            for (name, label) in names where run.contains(name.lowerBound) && coordinated.isEmpty {
                let match = label == .org ? Self.withLegalSuffix(name, in: run, infos) : name
                let standsAlone: Bool
                var personAfterMatch: Range<Int>?
                if label == .per {
                    let before = match.lowerBound == run.lowerBound ? nil : infos[match.lowerBound - 1]
                    let startsAfterTitle = before.map { !$0.isCapitalised || $0.cues & Self.cueTitle != 0 } ?? true
                    let endsRun = match.upperBound == infos.count || !infos[match.upperBound].isCapitalised
                    standsAlone = startsAfterTitle && endsRun
                } else {
                    // A title and a person (a listed given name or surname next) may follow the name
                    // in its run ("EU Commissioner Hans van den Broek", "EU Farm Commissioner Franz
                    // Fischler", "U.S. President Bill Clinton"; not "UN General Assembly", "Oregon
                    // State University").
                    let titled = match.upperBound < run.upperBound
                        && (match.upperBound ..< min(match.upperBound + 2, run.upperBound - 1)).contains {
                            infos[$0].cues & Self.cueTitle != 0 && infos[$0 + 1].gazetteer & Self.personNameBits != 0
                        }
                    // (Not after a person's role: "civil rights leader John Lewis", a person whose
                    // name a company shares.)
                    let afterRole = match.lowerBound > 0 && personRoleWords.contains(infos[match.lowerBound - 1].word)
                    personAfterMatch = personAfter(match, in: run, infos)
                    // (The sentence's first word, no known name's nor a cue, may open the run: an
                    // article, or a word and "on" or "the", runs' connectors: "Selling on Comex weighed
                    // on prices", "Pressure on Daimler grew", "On the Comex division of …".)
                    let opensAfterFirstWord = run.lowerBound == 0 && infos[0].gazetteer == 0
                        && (match.lowerBound == 1
                            || match.lowerBound == 2 && infos[0].cues == 0 && (infos[1].word == on || infos[1].word == the))
                    // (Or a known place and its possessive, "'s" being a connector too: "New York 's
                    // Comex division", "London 's Heathrow airport".)
                    let afterPlacesPossessive = match.lowerBound >= run.lowerBound + 2 && infos[match.lowerBound - 1].word == possessive
                        && names.contains { $0.label == .loc && $0.range == run.lowerBound ..< match.lowerBound - 1 }
                    standsAlone = (match.upperBound == run.upperBound || titled || personAfterMatch != nil)
                        && (match.lowerBound == run.lowerBound || opensAfterFirstWord || afterPlacesPossessive)
                        && !afterRole
                }
                if standsAlone { Self.force(match, label, infos) }
                if standsAlone, let person = personAfterMatch { Self.force(person, .per, infos) }
            }
        }
    }

    /// The person that ends `run` right after a known name in it ("ambassador to the United Nations
    /// Madeleine Albright"): two or three words, each a capital and small letters and in no listed
    /// place's or organisation's name, the first a listed given name; `nil` when none does.
    private static func personAfter(
        _ match: Range<Int>, in run: Range<Int>, _ infos: UnsafeMutableBufferPointer<NERTokenInfo>
    ) -> Range<Int>? {
        typealias F = NERFeatureExtractor
        guard match.upperBound < run.upperBound else { return nil }
        let person = match.upperBound ..< run.upperBound
        guard (2 ... 3).contains(person.count), F.listPosition(infos[person.lowerBound], .givenName) == 4,
              person.allSatisfy({
                  infos[$0].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                      && infos[$0].gazetteer & placeOrOrganizationBits == 0
              })
        else { return nil }
        return person
    }

    /// The names that make up a whole capitalised run, joined by "and" ("Glaxo Wellcome and British
    /// Telecom", "Hoechst and Bayer"), which the run's connector would otherwise make one name: known
    /// names, single words that are by themselves an organisation's listed name, and names of two to
    /// four words that end in an organisation's head word or legal suffix ("Commerzbank and DG Bank";
    /// ``isHeadedName(_:_:)``), beside at least one known organisation. None unless every word of the run,
    /// but the sentence's first "The", is in one of them.
    private static func coordinatedNames(
        in run: Range<Int>, _ names: [(range: Range<Int>, label: NERLabel)],
        _ infos: UnsafeMutableBufferPointer<NERTokenInfo>
    ) -> [(range: Range<Int>, label: NERLabel)] {
        guard run.count >= 3, run.contains(where: { infos[$0].word == andWord }) else { return [] }
        var pieces: [(range: Range<Int>, label: NERLabel)] = []
        var unknownPieces = 0
        // A sentence's first "The" is no part of the first name ("The Bank of England and Deutsche Bank";
        // elsewhere it is: "in The Boston Globe and The New York Times").
        var next = run.lowerBound
        if next == 0 && infos[0].word == theWord { next = 1 }
        while true {
            let pieceEnd = (next ..< run.upperBound).first(where: { infos[$0].word == andWord }) ?? run.upperBound
            if let known = names.first(where: { $0.range.lowerBound == next }), known.range.upperBound <= run.upperBound {
                pieces.append(known.label == .org ? (withLegalSuffix(known.range, in: run, infos), .org) : known)
            } else if NERFeatureExtractor.listPosition(infos[next], .organization) == 4 {
                pieces.append((withLegalSuffix(next ..< next + 1, in: run, infos), .org))
            } else if (2 ... 4).contains(pieceEnd - next), isHeadedName(next ..< pieceEnd, infos) {
                pieces.append((next ..< pieceEnd, .org))
                unknownPieces += 1
            } else {
                return []
            }
            let end = pieces[pieces.count - 1].range.upperBound
            if end == run.upperBound {
                // An unknown piece needs a known organisation beside it, not a place ("Chicago and
                // North Western Transportation Corp" is one company).
                let knownOrganizations = pieces.filter { $0.label == .org }.count - unknownPieces
                return pieces.count > 1 && (unknownPieces == 0 || knownOrganizations > 0) ? pieces : []
            }
            guard infos[end].word == andWord, end + 1 < run.upperBound else { return [] }
            next = end + 1
        }
    }

    /// Whether `range` is an organisation's name by its last word, a head word or legal suffix ("DG
    /// Bank", "Kleinwort Benson Group"), with no connector inside.
    private static func isHeadedName(_ range: Range<Int>, _ infos: UnsafeMutableBufferPointer<NERTokenInfo>) -> Bool {
        let last = infos[range.upperBound - 1]
        return last.cues & (cueOrgHead | cueLegalSuffix) != 0 && !range.contains { NERFeatureExtractor.runConnectors.contains(infos[$0].word) }
    }

    /// An organisation's name with the legal suffix or group word that follows it in its run, if one
    /// does ("Inco Ltd", "Merrill Lynch & Co", "ABN AMRO Holding").
    private static func withLegalSuffix(
        _ name: Range<Int>, in run: Range<Int>, _ infos: UnsafeMutableBufferPointer<NERTokenInfo>
    ) -> Range<Int> {
        var end = name.upperBound
        if end + 1 < run.upperBound, infos[end].word == ampersandWord { end += 1 }
        guard end < run.upperBound, isLegalSuffix(infos[end]) || groupWords.contains(infos[end].word) else { return name }
        return name.lowerBound ..< end + 1
    }

    /// Whether a token is a company's legal suffix, as the cue list has it or abbreviated ("Ltd",
    /// "NV", "Inc.": ``cueLegalSuffix``, ``abbreviatedLegalSuffix``).
    static func isLegalSuffix(_ info: NERTokenInfo) -> Bool {
        info.cues & cueLegalSuffix != 0 || info.newswireWord & abbreviatedLegalSuffix != 0
    }

    /// Clubs named as a country is (AS Monaco, in France's league; Portuguesa of Sao Paulo, whose name
    /// the lists have as Portugal's in Portuguese).
    static let clubsNamedLikeCountries = words(["monaco", "portuguesa"])

    /// Words that end a company's name after its known name ("ABN AMRO Holding", "HSBC Holdings").
    private static let groupWords = words(["Holding", "Holdings", "Group", "Groep", "Company", "Corporation"])

    /// The BILOU-like gazetteer positions of `tokens` per type, for tests and diagnostics:
    /// for each token, `type: "B"|"I"|"L"|"U"` for every type that matches.
    public func matches(_ tokens: [String]) -> [[NERGazetteerType: Character]] {
        let extractor = NERFeatureExtractor(hashBits: 16)
        var infos = tokens.map { extractor.info(for: $0) }
        infos.withUnsafeMutableBufferPointer { _ = annotate($0) }
        return infos.map { info in
            var out: [NERGazetteerType: Character] = [:]
            for t in NERGazetteerType.allCases {
                let code = NERFeatureExtractor.listPosition(info, t)
                if code != 0 { out[t] = ["B", "I", "L", "U"][Int(code) - 1] }
            }
            return out
        }
    }

    // MARK: Loading

    /// Reads the knowledge-base TSV files (`aliases.tsv`, `entities.tsv`, and if present `cues.tsv`,
    /// `legal-suffixes.tsv`, `manifest.tsv`, `name-lists.tsv`) from `directory`. The known names
    /// (``annotate(_:afterResultsLines:)``) also consult the tagger's bundled English word list
    /// (`Model/english-words.txt`), whatever the directory. The trie comes from the directory's index
    /// (``Index``, `gazetteer-index.bin`) when it was built from the same files, else from the tables.
    public convenience init(directory: URL) throws(NERModelError) {
        let cues = try Self.cueWords(in: directory)
        if let (version, trie) = Index.read(directory) {
            self.init(version: version, trie: trie, cues: cues)
        } else {
            let (version, trie) = try Self.trie(fromTablesIn: directory)
            self.init(version: version, trie: trie, cues: cues)
        }
    }

    /// The rows of a resource file of `directory`; an optional one that does not exist has none, but
    /// one that exists and cannot be read is an error with its reason.
    static func table(_ name: String, in directory: URL, required: Bool) throws(NERModelError) -> [[Substring]] {
        let url = directory.appendingPathComponent(name)
        guard required || FileManager.default.fileExists(atPath: url.path) else { return [] }
        do {
            return TSV.rows(String(decoding: try Data(contentsOf: url), as: UTF8.self))
        } catch {
            throw NERModelError.gazetteerUnavailable("cannot read \(url.path): \(fileReadReason(error, path: url.path))")
        }
    }

    /// The cue words of `cues.tsv` and `legal-suffixes.tsv` (titles, organisation head words, location
    /// prepositions, one-word legal suffixes).
    private static func cueWords(in directory: URL) throws(NERModelError) -> [(token: String, bits: UInt8)] {
        var cues: [(token: String, bits: UInt8)] = []
        for row in try table("cues.tsv", in: directory, required: false) where row.count >= 2 {
            let words = row[0].split(separator: " ")
            guard let first = words.first, let last = words.last else { continue }
            switch row[1] {
            case "TITLE_BEFORE": cues.append((String(last), Self.cueTitle))
            case "ORG_HEAD": cues.append((String(first), Self.cueOrgHead))
            case "LOC_BEFORE": cues.append((String(last), Self.cueLocationBefore))
            default: break
            }
        }
        for row in try table("legal-suffixes.tsv", in: directory, required: false) where !row.isEmpty {
            let words = row[0].split(separator: " ")
            if words.count == 1 { cues.append((String(words[0]), Self.cueLegalSuffix)) }
        }
        return cues
    }

    /// The knowledge-base version (`manifest.tsv`) and the alias trie, built from the tables of
    /// `directory`: the aliases and their types, the known names that decoding forces, the countries.
    static func trie(fromTablesIn directory: URL) throws(NERModelError) -> (version: String, trie: Trie) {
        func table(_ name: String, required: Bool) throws(NERModelError) -> [[Substring]] {
            try Self.table(name, in: directory, required: required)
        }
        var types: [Substring: NERGazetteerType] = [:]
        for row in try table("entities.tsv", required: true) where row.count >= 2 {
            switch row[1] {
            case "PERSON": types[row[0]] = .person
            case "ORGANIZATION": types[row[0]] = .organization
            case "LOCATION": types[row[0]] = .location
            case "COMMODITY": types[row[0]] = .commodity
            default: break
            }
        }
        guard !types.isEmpty else { throw NERModelError.gazetteerUnavailable("entities.tsv has no entities") }
        var aliases: [(tokens: [String], type: NERGazetteerType, caseSensitive: Bool)] = []
        func add(_ name: Substring, _ type: NERGazetteerType, caseSensitive: Bool) {
            // Words split on the byte " " (not by Character, which costs more than the rest of the load).
            let tokens = TSV.split(name, at: 0x20, keepingEmpty: false).map(String.init)
            aliases.append((tokens, type, caseSensitive))
            // Corpora split hyphens ("Al - Zaman", "Winston - Salem") and a possessive's "'s" ("Moody
            // 's"): add that form too.
            func isHyphenated(_ token: String) -> Bool { token != "-" && token.utf8.contains(UInt8(ascii: "-")) }
            // (By bytes, as above: "'s" or "’s" after at least one more byte.)
            func possessive(_ token: String) -> String? {
                let bytes = token.utf8
                guard bytes.count > 2, bytes.last == UInt8(ascii: "s") else { return nil }
                if bytes.dropLast().last == UInt8(ascii: "'") { return "'s" }
                return bytes.count > 4 && bytes.suffix(4).elementsEqual("’s".utf8) ? "’s" : nil
            }
            if tokens.contains(where: { isHyphenated($0) || possessive($0) != nil }) {
                var split: [String] = []
                for var token in tokens {
                    let suffix = possessive(token)
                    if let suffix { token.removeLast(suffix.count) }
                    if isHyphenated(token) {
                        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
                        for (k, part) in parts.enumerated() {
                            if k > 0 { split.append("-") }
                            if !part.isEmpty { split.append(String(part)) }
                        }
                    } else {
                        split.append(token)
                    }
                    if let suffix { split.append(suffix) }
                }
                aliases.append((split, type, caseSensitive))
            }
        }
        var countries: [Substring] = []
        var townsAndRegions: [Substring] = []
        var persons: [Substring] = []
        var countryNames: [Substring] = []
        var organizations: [Substring] = []
        var ambiguousNames: Set<Substring> = []
        for row in try table("aliases.tsv", required: true) where row.count >= 3 {
            guard var type = types[row[0]] else { continue }
            if Self.isCountryName(row) { countries.append(row[1]) }
            if Self.isCountryTeamName(row) { countryNames.append(row[1]) }
            if Self.isTownOrRegionName(row) { townsAndRegions.append(row[1]) }
            if Self.isPersonName(row) { persons.append(row[1]) }
            if Self.isOrganizationName(row) { organizations.append(row[1]) }
            if Self.isAmbiguous(row) { ambiguousNames.insert(row[1]) }
            if row[2] == "DEMONYM" { type = .demonym }
            add(row[1], type, caseSensitive: row.count >= 4 && row[3].contains("case-sensitive"))
        }
        // The towns, regions, one-word person names and organisations that the name lists or the
        // English word list also have are left to the model; only these candidates are looked up.
        let oneWordPersons = persons.filter { !$0.contains(" ") }
        // The name lists' organisations of two or more words are known too, unless the knowledge base
        // marks the name ambiguous ("White House", also the country) or it starts with "The" ("The
        // Australian", a newspaper, before "Australian experts").
        let nameLists = try table("name-lists.tsv", required: false)
        let listedOrganizations = nameLists.compactMap { row in
            row.count >= 2 && row[1] == "organisation" && row[0].contains(" ") && !row[0].hasPrefix("The ")
                && !ambiguousNames.contains(row[0]) ? row[0] : nil
        }
        let candidates = Set(townsAndRegions + organizations + listedOrganizations + oneWordPersons)
        var listedNames: Set<Substring> = []
        var listedGivenNames: Set<Substring> = []
        var listedPlaces: Set<Substring> = []
        for row in nameLists where row.count >= 2 {
            switch row[1] {
            case "given", "surname":
                add(row[0], row[1] == "given" ? .givenName : .surname, caseSensitive: false)
                if candidates.contains(row[0]) {
                    listedNames.insert(row[0])
                    if row[1] == "given" { listedGivenNames.insert(row[0]) }
                }
            case "place":
                add(row[0], .place, caseSensitive: false)
                if candidates.contains(row[0]) { listedPlaces.insert(row[0]) }
            case "organisation": add(row[0], .organization, caseSensitive: false)
            default: continue
            }
        }
        var version = "custom"
        for row in try table("manifest.tsv", required: false) where row.count >= 2 && row[0] == "version" {
            version = String(row[1])
        }
        let lowercased = Set(candidates.map { Substring($0.lowercased()) })
        let commonWords = try NERCasingLexicon.bundledEnglishWords(among: lowercased)
        func isOtherwiseUsed(_ name: Substring) -> Bool {
            listedNames.contains(name) || commonWords.contains(Substring(name.lowercased()))
        }
        let knownPlaces = countries + townsAndRegions.filter { !isOtherwiseUsed($0) }
        // (Not a country's possessive and its institution, "China's Foreign Ministry": newswire tags the
        // country and the institution apart, which the rule that a place's possessive ends the place does.)
        let countrySet = Set(countries)
        func isCountrysInstitution(_ name: Substring) -> Bool {
            guard let mark = name.range(of: "'s ") ?? name.range(of: "’s ") else { return false }
            return countrySet.contains(name[..<mark.lowerBound])
        }
        let knownOrganizations = (organizations + listedOrganizations).filter {
            !isOtherwiseUsed($0) && !listedPlaces.contains($0) && !isCountrysInstitution($0)
        }
        func tokens(_ name: Substring) -> [String] { TSV.split(name, at: 0x20, keepingEmpty: false).map(String.init) }
        let trie = Trie(
            aliases: aliases, knownPlaces: knownPlaces.map(tokens),
            knownPersons: persons.filter { $0.contains(" ") || !listedGivenNames.contains($0) }.map(tokens),
            knownOrganizations: knownOrganizations.map(tokens), countryNames: countryNames.map(tokens)
        )
        return (version, trie)
    }

    /// Whether an `aliases.tsv` row is a country's English name that decoding may tag as a place on its
    /// own: not marked ambiguous ("Georgia", "Jordan"), not an endonym from countryinfo ("Mann", "Thai"),
    /// and starting with a capital (not "the United States", whose "The" a tagger leaves out).
    static func isCountryName(_ row: [Substring]) -> Bool {
        isKind(row, "country:", ["NAME"]) && !isAmbiguous(row) && !isEndonym(row)
    }

    /// Whether an `aliases.tsv` row is a country's name or abbreviation, ambiguous ones and endonyms
    /// included: a results line's team of that name is the country's national team ("Georgia 2
    /// Moldova 0"), and an entrant's country in brackets is one ("Michael Johnson ( U.S. )").
    static func isCountryTeamName(_ row: [Substring]) -> Bool { isKind(row, "country:", ["NAME", "ABBREVIATION"]) }

    /// Whether an `aliases.tsv` row is a city's or a region's English name (as ``isCountryName(_:)``,
    /// but "ambiguous" is allowed: for a capital it marks its use for the country's government, which
    /// is still a place). ``init(directory:)`` also leaves out the names listed as given names or
    /// surnames ("Paris", "Sydney", "Washington") and English words ("Male", "Downtown").
    static func isTownOrRegionName(_ row: [Substring]) -> Bool {
        (isKind(row, "city:", ["NAME"]) || isKind(row, "region:", ["NAME"])) && !isEndonym(row)
    }

    /// Whether an `aliases.tsv` row is a person's name or surname ("Xi Jinping", "Biden") not marked
    /// ambiguous. ``init(directory:)`` also leaves out one-word names listed as given names ("Ibrahim").
    static func isPersonName(_ row: [Substring]) -> Bool {
        isKind(row, "person:", ["NAME", "PARTIAL"]) && !isAmbiguous(row)
    }

    /// Whether an `aliases.tsv` row is an organisation's name or abbreviation ("OPEC", "EU") not marked
    /// ambiguous. ``init(directory:)`` also leaves out the names that `name-lists.tsv` lists as persons
    /// or places ("Rio Tinto", "Maersk") and English words ("Intel").
    static func isOrganizationName(_ row: [Substring]) -> Bool {
        isKind(row, "org:", ["NAME", "ABBREVIATION"]) && !isAmbiguous(row)
    }

    /// Whether a row's entity id has `prefix`, its alias kind is one of `kinds` and the alias starts
    /// with a capital.
    private static func isKind(_ row: [Substring], _ prefix: String, _ kinds: [Substring]) -> Bool {
        row.count >= 3 && row[0].hasPrefix(prefix) && kinds.contains(row[2]) && row[1].first?.isUppercase == true
    }

    /// Whether a row's flags mark it ambiguous.
    private static func isAmbiguous(_ row: [Substring]) -> Bool { row.count >= 4 && row[3].contains("ambiguous") }

    /// Whether a row comes from countryinfo's native names ("Mann", "Thai", "Nihon").
    private static func isEndonym(_ row: [Substring]) -> Bool { row.count >= 5 && row[4].hasPrefix("countryinfo") }

    /// The gazetteer of the knowledge base bundled with AssayAnalysis (`Resources/Knowledge`), loaded once.
    public static func bundled() throws(NERModelError) -> NERGazetteer {
        try bundledResult.get()
    }

    /// The bundled knowledge base's directory (`Resources/Knowledge`).
    static var bundledDirectory: URL? { Bundle.module.url(forResource: "Knowledge", withExtension: nil) }

    private static let bundledResult: Result<NERGazetteer, NERModelError> = {
        guard let directory = bundledDirectory else {
            return .failure(.gazetteerUnavailable("bundled resource Knowledge/ not found"))
        }
        do throws(NERModelError) {
            return .success(try NERGazetteer(directory: directory))
        } catch {
            return .failure(error)
        }
    }()
}

extension NERGazetteer.Trie {
    /// Builds the trie of `aliases`, marking where the known names and the countries' names end.
    init(
        aliases: [(tokens: [String], type: NERGazetteerType, caseSensitive: Bool)],
        knownPlaces: [[String]], knownPersons: [[String]], knownOrganizations: [[String]], countryNames: [[String]]
    ) {
        precondition(NERGazetteerType.count <= 8, "trie nodes keep the types in 8 bits; annotate keeps 8 per token")
        let extractor = NERFeatureExtractor(hashBits: 16)
        var edges = IntegerTable(capacity: aliases.reduce(0) { $0 + $1.tokens.count })
        var nodeTypes: [UInt8] = [0]
        var count = 0
        var nameListCount = 0
        for alias in aliases where !alias.tokens.isEmpty {
            var node: Int32 = 0
            for token in alias.tokens {
                let info = extractor.info(for: token)
                let key = NERGazetteer.edgeKey(node, alias.caseSensitive ? info.exact : info.word)
                if let child = edges.value(for: NERGazetteer.nonZero(key)) {
                    node = child
                } else {
                    let child = Int32(nodeTypes.count)
                    nodeTypes.append(0)
                    edges.set(child, for: NERGazetteer.nonZero(key))
                    node = child
                }
            }
            nodeTypes[Int(node)] |= 1 << UInt8(alias.type.rawValue)
            count += 1
            if alias.type.rawValue >= NERGazetteerType.knowledgeBaseCount { nameListCount += 1 }
        }
        /// The node `annotate` reaches for a name as written, if it reaches one.
        func end(of name: [String]) -> Int? {
            var node: Int32 = 0
            for token in name {
                guard let child = NERGazetteer.child(edges, node, extractor.info(for: token)) else { return nil }
                node = child
            }
            return node > 0 ? Int(node) : nil
        }
        var knownNameType = [NERLabel?](repeating: nil, count: nodeTypes.count)
        let knownNames = knownPlaces.map { ($0, NERLabel.loc) } + knownPersons.map { ($0, .per) }
            + knownOrganizations.map { ($0, .org) }
        for (name, label) in knownNames {
            if let node = end(of: name) { knownNameType[node] = label }
        }
        var endsCountryName = [Bool](repeating: false, count: nodeTypes.count)
        for name in countryNames {
            if let node = end(of: name) { endsCountryName[node] = true }
        }
        self.init(
            edges: edges, nodeTypes: nodeTypes, knownNameType: knownNameType, endsCountryName: endsCountryName,
            aliasCount: count, nameListCount: nameListCount
        )
    }
}

extension [Range<Int>] {
    /// The rules' lists of names one after the other. The decoder joins some twenty of them a
    /// sentence, and nearly all are empty; the standard library's `+` still checks the left list's
    /// uniqueness and capacity and may copy it (5 % of `assay tag`'s instructions a token,
    /// docs/PERFORMANCE.md), where this returns a side as it is when the other is empty.
    @inline(__always) static func + (lhs: [Range<Int>], rhs: [Range<Int>]) -> [Range<Int>] {
        if rhs.isEmpty { return lhs }
        if lhs.isEmpty { return rhs }
        var joined = lhs
        joined.append(contentsOf: rhs)
        return joined
    }
}
