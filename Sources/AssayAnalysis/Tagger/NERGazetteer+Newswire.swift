/// The newswire conventions the tagger's decoding knows by rule
/// (``NERGazetteer/annotate(_:afterResultsLines:)``): sports results lines and results blocks, match
/// reports and summaries, fixtures, line-ups, scorers lines, cricket scorecards, individual sports'
/// entrants and datelines. The training files
/// (web text, Wikipedia, PUD) hardly have any of them, so the weights alone read them badly
/// (docs/ANALYSIS.md, docs/PERFORMANCE.md and the probes in docs/probes/).
extension NERGazetteer {
    /// The teams of a sports results line, or `nil` for any other sentence (`unlistedTeams`: a run
    /// need not hold a listed name, see ``annotate(_:afterResultsLines:)``): two capitalised runs each
    /// followed by a score of up to three digits (or two names of ``namesBeforeTwoScores(_:isScore:)``:
    /// "Brechin 1 Queen of the South 1") ("Leeds 0 Manchester United 1", maybe a note in
    /// brackets after it: "Toronto 5 BOSTON 3 ( 10 innings )"), or one run followed
    /// directly by three or more short figures and nothing else ("Barcelona 15 10 4 1 33 13 34",
    /// "Chicago 13 2 .867 -": integers of up to three digits, at most one fraction, dashes), with at
    /// most punctuation after them. Each run must hold a name the gazetteer lists. A run of two or more
    /// words that starts with a listed given name, or one word that is only a listed surname, is a
    /// person ("Tom Lehman 69 66 67", "Woods 69 66 67"; after results lines, a run of two or more
    /// words in a two-team line may be such a name, unless it holds a known person's), and market or
    /// election figures ("Tokyo 22,450 22,510 22,300", "Florida 29 49.0 47.8") are not short: then
    /// the line is no results line. A lead-in of up to six words may end in a colon before the line
    /// ("Played on Friday : …").
    static func resultLineTeams(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, unlistedTeams: Bool = false
    ) -> [Range<Int>]? {
        typealias F = NERFeatureExtractor
        // Most sentences fail here, before their runs are collected.
        guard infos.first?.isCapitalised == true, infos.contains(where: isFigure) else { return nil }
        if let note = resultNote(infos) {
            return resultLineTeams(UnsafeBufferPointer(rebasing: infos[..<note.lowerBound]), unlistedTeams: unlistedTeams)
        }
        // A short lead-in may end in a colon ("Played on Friday : Genk 2 Mechelen 2"), not a scorers'
        // or a poll's one ("New York Times poll : Clinton 52 Dole 38").
        if let colon = (1 ..< min(7, infos.count)).first(where: { infos[$0].word == colonWord }),
           colon + 5 <= infos.count,
           !infos[..<colon].contains(where: { scorersWords.contains($0.word) || $0.newswireWord & electionWord != 0 }) {
            let start = colon + 1
            return resultLineTeams(UnsafeBufferPointer(rebasing: infos[start...]), unlistedTeams: unlistedTeams)?
                .map { $0.lowerBound + start ..< $0.upperBound + start }
        }
        let marks = F.flagHasHyphen | F.flagHasPeriod | F.flagNonASCII
        /// An integer of up to three digits.
        func isScore(_ i: Int) -> Bool { isFigure(infos[i]) && infos[i].length <= 3 && infos[i].flags & marks == 0 }
        var runs = joinedByTeamParticles(F.capitalisedRuns(infos), infos)
        if runs.count >= 2, let names = namesBeforeTwoScores(infos, isScore: isScore) { runs = names }
        guard let first = runs.first, first.lowerBound == 0, runs.count <= 2 else { return nil }
        /// A standings figure: a score, or a fraction written ".867".
        func isShortFigure(_ i: Int) -> Bool {
            isScore(i) || isFigure(infos[i]) && infos[i].length == 4 && infos[i].flags & marks == F.flagHasPeriod
        }
        func isPunctuation(_ i: Int) -> Bool { infos[i].flags & F.flagNoAlphanumeric != 0 }
        // Every team has a listed name in it ("Leeds", "Manchester United", "Aston Villa"), unlike the
        // runs of a title-case line ("Chapter 1 Part 2").
        func hasListedName(_ run: Range<Int>) -> Bool { run.contains { infos[$0].gazetteer != 0 } }
        // (In a block of results, a club of two words may look like a person's name: "Gil Vicente 0
        // Vitoria Setubal 1", "Petra Drnovice 2 Slovan Liberec 1"; not a known person's. So may a
        // club of one word the lists have only as a surname, facing a side that is no person:
        // "Pescara 1 Venezia 2"; "Graf 2 Seles 1" stays two players.)
        let sides = runs
        func isPlayer(_ run: Range<Int>) -> Bool {
            isPerson(run, infos)
                && (!unlistedTeams || sides.count == 1 || run.count == 1 && sides.allSatisfy { isPerson($0, infos) }
                    || run.contains { infos[$0].gazetteer & knownPersonBits != 0 })
        }
        guard !runs.contains(where: isPlayer), unlistedTeams || runs.allSatisfy(hasListedName) else { return nil }
        if runs.count == 2 {
            let second = runs[1]
            guard first.upperBound + 1 == second.lowerBound, isScore(first.upperBound),
                  second.upperBound < infos.count, isScore(second.upperBound),
                  (second.upperBound + 1 ..< infos.count).allSatisfy(isPunctuation) else { return nil }
            return runs
        }
        let rest = first.upperBound ..< infos.count
        let fractions = rest.filter { isShortFigure($0) && !isScore($0) }.count
        guard !rest.isEmpty, isShortFigure(rest.lowerBound), rest.filter(isShortFigure).count >= 3, fractions <= 1,
              rest.allSatisfy({ isShortFigure($0) || isPunctuation($0) }) else { return nil }
        return runs
    }

    /// `runs` with each two joined by a Romance particle between them ("Castel di Sangro", "Universidad
    /// de Chile", "Caxias do Sul"): the teams of a results line, whose runs stop at small letters.
    static func joinedByTeamParticles(_ runs: [Range<Int>], _ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        guard runs.count >= 2 else { return runs }
        let particles = teamParticles
        var joined: [Range<Int>] = []
        for run in runs {
            if let last = joined.last, last.upperBound + 1 == run.lowerBound, particles.contains(infos[last.upperBound].word),
               infos[last.upperBound].flags & NERFeatureExtractor.flagsOfLetters == NERFeatureExtractor.flagHasLower {
                joined[joined.count - 1] = last.lowerBound ..< run.upperBound
            } else {
                joined.append(run)
            }
        }
        return joined
    }

    /// The particles of ``joinedByTeamParticles(_:_:)``.
    static let teamParticles = words(["de", "di", "do", "da", "del", "della", "dos", "das"])

    /// The teams and scorers of a results line that names each side's scorers in brackets after its
    /// score, or `nil` for any other sentence: "Aberdeen 3 ( Dodds 2 , Windass ) Kilmarnock 1 (
    /// Wright )", "Raith Rovers 0 Dundee United 2 ( Olofsson , McSwegan )", "Arsenal 2 ( Wright 34
    /// pen ) Everton 0". Each team is a capitalised run of up to four words (connectors inside:
    /// "Queen of the South"; a year first: "1860 Munich") right before a score of up to three digits, and no person's name nor a
    /// known person's ("Clinton 52 Dole 38 ( Perot 7 )"); one team's brackets at least list scorers,
    /// each a run of up to three words with a capital and small letters (a name's particles inside:
    /// "Eric van der Luer"; not "( OT )"), maybe with goals, minutes or a note ("2", "34th", "56",
    /// "pen", "og"), separated by commas, and a person
    /// unless every word of it is in a place's or organisation's name the knowledge base has. Only
    /// punctuation may follow the second team's score or brackets. One team must hold a listed
    /// name, unless the document had results lines before (`unlistedTeams`). The weights had read
    /// the scorers' brackets as the line's end and left both clubs and many scorers outside names.
    static func resultLineScorers(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, unlistedTeams: Bool
    ) -> (teams: [Range<Int>], scorers: [Range<Int>])? {
        typealias F = NERFeatureExtractor
        let n = infos.count
        guard n >= 6, infos[0].isCapitalised || infos[0].flags & F.flagHasDigit != 0 else { return nil }
        // (Most sentences fail here, with the bracket's word read once, not once a token.)
        let open = openBracketWord
        guard infos.contains(where: { $0.word == open }) else { return nil }
        let (close, comma, connectors, particles, notes) = (closeBracketWord, commaWord, F.runConnectors, nameParticleConnectors, scorerNoteWords)
        let marks = F.flagHasDigit | F.flagsOfLetters | F.flagHasHyphen | F.flagHasPeriod | F.flagNonASCII
        func isScore(_ k: Int) -> Bool { k < n && infos[k].flags & marks == F.flagHasDigit && infos[k].length <= 3 }
        /// The capitalised run from `k` (words of `joins` between capitalised words, one or more in a
        /// row: "Eric van der Luer"), at most `limit` capitalised words; a team's may open with a
        /// year (`year`: "1860 Munich").
        func run(from k: Int, limit: Int, joins: NERWordSet, year: Bool = false) -> Range<Int>? {
            var end = k
            if year, k + 1 < n, infos[k].length == 4, infos[k].flags & marks == F.flagHasDigit, infos[k + 1].isCapitalised { end += 1 }
            var words = 0
            while end < n {
                if infos[end].isCapitalised { end += 1; words += 1; continue }
                var next = end
                while next < n, joins.contains(infos[next].word) { next += 1 }
                guard words > 0, next > end, next < n, infos[next].isCapitalised else { break }
                end = next
            }
            return (1 ... limit).contains(words) ? k ..< end : nil
        }
        /// A scorer's word: a capital and small letters ("( OT )" is a note), or a particle inside.
        func isScorersWord(_ k: Int) -> Bool {
            infos[k].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower || particles.contains(infos[k].word)
        }
        /// A goal's count, a minute or a note after a scorer ("2", "34th", "pen").
        func isNote(_ j: Int) -> Bool { infos[j].flags & F.flagHasDigit != 0 && infos[j].length <= 5 || notes.contains(infos[j].word) }
        var teams: [Range<Int>] = [], scorers: [Range<Int>] = []
        var listsScorers = false
        var k = 0
        while teams.count < 2 {
            guard let team = run(from: k, limit: 4, joins: connectors, year: true), isScore(team.upperBound), !isPerson(team, infos),
                  !team.contains(where: { infos[$0].gazetteer & knownPersonBits != 0 })
            else { return nil }
            teams.append(team)
            k = team.upperBound + 1
            guard k < n, infos[k].word == open else { continue }
            guard let end = (k + 1 ..< n).first(where: { infos[$0].word == close }), end > k + 1 else { return nil }
            // Scorers (joined only by a name's particles: "van der Westhuizen"), each maybe with goals,
            // minutes or notes, separated by commas ("Wright 34 , 56").
            // (A scorer first, not a figure: "Feyenoord 1 ( 55 )" is a note; a comma before each next one.)
            var j = k + 1
            while j < end {
                guard let scorer = run(from: j, limit: 3, joins: particles), scorer.upperBound <= end, scorer.allSatisfy(isScorersWord)
                else { return nil }
                listsScorers = true
                if !isKnownPlaceOrOrganization(scorer, infos) { scorers.append(scorer) }
                j = scorer.upperBound
                while j < end, isNote(j) { j += 1 }
                guard j == end || infos[j].word == comma else { return nil }
                while j < end, infos[j].word == comma || isNote(j) { j += 1 }
            }
            k = end + 1
        }
        guard listsScorers, (k ..< n).allSatisfy({ infos[$0].flags & F.flagNoAlphanumeric != 0 }),
              unlistedTeams || teams.contains(where: { team in team.contains { infos[$0].gazetteer != 0 } })
        else { return nil }
        return (teams, scorers)
    }

    /// Notes after a scorer in a results line's brackets (``resultLineScorers(_:unlistedTeams:)``).
    private static let scorerNoteWords = words(["pen", "penalty", "og", "o.g.", "minute", "minutes", "min"])

    /// Portuguese and Spanish particles inside names that ``NERFeatureExtractor/runConnectors`` does
    /// not join: "Banco do Brasil", "Gimnasia y Esgrima", "Uniao dos Palmares".
    static let innerNameParticles = words(["do", "dos", "das", "y"])

    /// The two names of a line "name score name score", or the one name of a standings line (its
    /// figures follow at once), also where a name holds more connectors in a row than a capitalised
    /// run joins ("Brechin 1 Queen of the South 1", "Queen of the South 15 10 4 1 33 13 34") or
    /// starts with a year ("Hamburg 1 1860 Munich 3"): each starts with a capitalised word or a
    /// figure of four digits and ends with a capitalised word, and its other words are capitalised
    /// or connectors (``NERFeatureExtractor/runConnectors``, ``innerNameParticles``: "Racing Club 0
    /// Gimnasia y Esgrima 2"); `nil` for any other line.
    private static func namesBeforeTwoScores(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isScore: (Int) -> Bool
    ) -> [Range<Int>]? {
        typealias F = NERFeatureExtractor
        guard let home = infos.indices.first(where: isScore),
              let away = (home + 1 ..< infos.count).first(where: isScore) else { return nil }
        // (Figures right after the first: a standings line, "Queen of the South 15 10 4 1 33 13 34".)
        let names = away == home + 1 ? [0 ..< home] : [0 ..< home, home + 1 ..< away]
        for name in names {
            let year = F.flagHasDigit
            guard let first = name.first, let last = name.last, infos[last].isCapitalised,
                  infos[first].isCapitalised || name.count > 1 && infos[first].length == 4
                      && infos[first].flags & (F.flagHasDigit | F.flagsOfLetters | F.flagNoAlphanumeric | F.flagHasPeriod) == year,
                  name.dropFirst().allSatisfy({
                      infos[$0].isCapitalised || F.runConnectors.contains(infos[$0].word) || innerNameParticles.contains(infos[$0].word)
                  })
            else { return nil }
        }
        return names
    }

    /// The teams of a sentence listing two or more results, each "team score team score", separated
    /// by commas or semicolons, maybe after a lead-in that ends in a colon ("Other results : Wasps 28
    /// Saracens 15 , Harlequins 34 Orrell 10 , Sale 19 Gloucester 19 ."), or `nil` for any other
    /// sentence. Each team is a capitalised run, no person's name (``isPerson(_:_:)``) and no known
    /// person's ("Yeltsin 35 Zyuganov 32 , Lebed 15 Yavlinsky 7": a poll), and one team at least
    /// holds a listed name. When every team is only a place's name, the document must have had a
    /// results line before (`afterResultsLines`; "London 12 Paris 15 , Berlin 9 Rome 18" is weather).
    static func resultListTeams(_ infos: UnsafeBufferPointer<NERTokenInfo>, afterResultsLines: Bool) -> [Range<Int>]? {
        typealias F = NERFeatureExtractor
        let n = infos.count
        let marks = F.flagHasDigit | F.flagsOfLetters | F.flagHasHyphen | F.flagHasPeriod | F.flagNonASCII
        func isScore(_ k: Int) -> Bool { k < n && infos[k].flags & marks == F.flagHasDigit && infos[k].length <= 3 }
        let (comma, semicolon, colon) = (commaWord, semicolonWord, colonWord)  // (Read once, not per token.)
        func isSeparator(_ k: Int) -> Bool { infos[k].word == comma || infos[k].word == semicolon }
        // (Most sentences fail here, before their runs are collected: the list's first team opens it
        // or follows its lead-in's colon.)
        guard n >= 9 else { return nil }
        var k = (0 ..< 8).first { infos[$0].word == colon }.map { $0 + 1 } ?? 0
        guard infos[k].isCapitalised, infos.indices.contains(where: isScore), infos.indices.contains(where: isSeparator)
        else { return nil }
        let runs = F.capitalisedRuns(infos)
        func team(at k: Int) -> Range<Int>? { runs.first { $0.lowerBound == k }.flatMap { isScore($0.upperBound) ? $0 : nil } }
        var teams: [Range<Int>] = []
        while let home = team(at: k), let away = team(at: home.upperBound + 1) {
            teams += [home, away]
            k = away.upperBound + 1
            guard k < n, isSeparator(k) else { break }
            k += 1
        }
        guard teams.count >= 4, (k ..< n).allSatisfy({ infos[$0].flags & F.flagNoAlphanumeric != 0 }),
              !teams.contains(where: { team in isPerson(team, infos) || team.contains { infos[$0].gazetteer & knownPersonBits != 0 } }),
              teams.contains(where: { team in team.contains { infos[$0].gazetteer != 0 } }),
              afterResultsLines || !teams.allSatisfy({ team in team.allSatisfy { isOnlyAPlacesWord(infos[$0]) } })
        else { return nil }
        return teams
    }

    /// Clubs named right after what they are: "Italian club Vicenza", "Greek club Olympiakos
    /// Piraeus", "Hungarian side Ferencvaros", "first division side Lierse". After "club" any
    /// capitalised run of one to three words that opens with no listed given name, a title or a day
    /// and is not only listed persons' names ("the club Gullit joined"); after "side" or "team" only
    /// when a nationality or people's word (``isNationalityWord(_:)``), "division", "league" or
    /// "cycling" comes before ("on the other side Pale said" names no club; "German team Telekom",
    /// "English side Leicester", "cycling team Festina" do); after "champions" only when a
    /// nationality or people's word comes before and no second name joins by "and" ("Welsh champions
    /// Pontypridd"; not "Olympic champions Karch Kiraly and Kent Steffes"). After any of these three,
    /// not a country (`isCountryName`, or two or more words all a known place's: "fellow African side
    /// Malawi", "European champions Germany"). After "clubs", two or
    /// more such names joined by commas and "and" ("Welsh union clubs Cardiff and Swansea").
    /// They are forced as teams, so the document's later "Vicenza" is the club too
    /// (``NERDocumentTeams``). The weights had read clubs named after their cities as places.
    static func clubsAfterDescriptors(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCountryName: (NERTokenInfo) -> Bool = { _ in false }
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var found: [Range<Int>] = []
        let (club, clubs, side, team, champions, qualifiers) = (clubWord, clubsWord, sideWord, teamWord, championsWord, clubQualifiers)  // (Read once, not per token.)
        /// Whether `name` may be a club's: one to three words, none forced or with a figure, not opening
        /// with a listed given name, a title or a day, and not only a person's name the lists have
        /// ("the club Gullit joined").
        func isClubName(_ name: Range<Int>) -> Bool {
            let first = infos[name.lowerBound]
            return name.count <= 3 && F.listPosition(first, .givenName) == 0 && first.cues & cueTitle == 0
                && !calendarWords.contains(first.word)
                && !name.contains(where: { infos[$0].forcedTag != 0 || infos[$0].flags & F.flagHasDigit != 0 })
                && !name.allSatisfy({ infos[$0].gazetteer != 0 && infos[$0].gazetteer & ~personNameBits == 0 })
        }
        /// The clubs that "clubs" at `p` lists: two or more names as ``isClubName(_:)`` reads them,
        /// joined by commas and "and" ("Welsh union clubs Cardiff and Swansea").
        func appendClubsListed(after p: Int) {
            var names: [Range<Int>] = []
            var k = p + 1
            while k < n, infos[k].isCapitalised {
                var end = k
                while end < n, infos[end].isCapitalised { end += 1 }
                let name = k ..< end
                guard isClubName(name) else { return }
                names.append(name)
                guard end + 1 < n, infos[end].word == andWord || infos[end].word == commaWord, infos[end + 1].isCapitalised
                else { break }
                k = end + 1
            }
            if names.count >= 2 { found += names }
        }
        for p in infos.indices.dropFirst().dropLast() where infos[p + 1].isCapitalised {
            let word = infos[p].word
            guard infos[p].flags & F.flagsOfLetters == F.flagHasLower,
                  word == club || word == clubs || word == side || word == team || word == champions
            else { continue }
            if word == clubs {
                appendClubsListed(after: p)
                continue
            }
            var end = p + 1
            while end < n, infos[end].isCapitalised { end += 1 }
            let name = p + 1 ..< end
            if word != club {
                guard isNationalityWord(infos[p - 1]) || word != champions && qualifiers.contains(infos[p - 1].word) else { continue }
                // (Not a country, which names a national side: "fellow African side Malawi",
                // "European champions Germany", "Asian champions South Korea".)
                let isCountry = name.count == 1 ? isCountryName(infos[name.lowerBound])
                    : name.allSatisfy { infos[$0].gazetteer & knownLocationBits != 0 }
                guard !isCountry else { continue }
                // (After "champions", not a pair: "Olympic champions Karch Kiraly and Kent Steffes".)
                if word == champions, end + 1 < n, infos[end].word == andWord, infos[end + 1].isCapitalised { continue }
            }
            // (After "team", no town alone: "a Russian team Moscow sent".)
            if word == team, p + 2 < n, !infos[p + 2].isCapitalised, isOnlyAPlacesWord(infos[p + 1]) { continue }
            guard isClubName(name) else { continue }
            found.append(name)
        }
        return found
    }

    /// Teams named between "the" and "team" or "squad": "the Arrows team", "the Ferrari team", "the
    /// Newcastle squad" (a club named after its town too), "The" opening the sentence too, and after a
    /// nationality ("the Spanish ONCE team", the nationality left out). A
    /// capitalised run of one to three words, none forced, none a listed person's name ("the Clinton
    /// team"), no nationality's or people's word ("the Australian team", "the European team") and no
    /// country ("the England team", a national side). Forced as teams, as
    /// ``clubsAfterDescriptors(_:)``. The weights had read unknown motor-racing and cycling teams as
    /// persons or missed them.
    static func teamsBeforeTeam(_ infos: UnsafeBufferPointer<NERTokenInfo>, isCountryName: (NERTokenInfo) -> Bool) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var teams: [Range<Int>] = []
        let (the, squads, events) = (theWord, squadWords, teamEventWords)
        // (Capitals and length first: most tokens fail them with no set lookup.)
        for k in infos.indices.dropFirst(2) where infos[k - 1].isCapitalised && (4 ... 5).contains(infos[k].length)
            && infos[k].flags & F.flagsOfLetters == F.flagHasLower && squads.contains(infos[k].word) {
            var start = k
            while start > 0, k - start < 4, infos[start - 1].isCapitalised { start -= 1 }
            // (The article before the run, or opening it: "The Ferrari team said".)
            let opensRun = infos[start].word == the && start == 0
            if opensRun { start += 1 }
            // (A nationality opening the run is no part of the team: "the Spanish ONCE team", "the
            // Italian Mapei team"; when each word after it has two letters or more, no digit or hyphen,
            // no listed place's and no event's or league's word, ``teamEventWords``: not "the
            // Australian Davis Cup team", "the German Under-21 team", "the French B team", "the Irish
            // Republic team", "the Spanish Primera Liga team".)
            let hasNationality = k - start >= 2 && isNationalityWord(infos[start])
                && (start + 1 ..< k).allSatisfy {
                    infos[$0].length >= 2 && infos[$0].flags & (F.flagHasDigit | F.flagHasHyphen) == 0
                        && infos[$0].gazetteer & listedOrKnownPlaceBits == 0 && !events.contains(infos[$0].word)
                }
            let run = hasNationality ? start + 1 ..< k : start ..< k
            guard (1 ... 3).contains(run.count), opensRun || start > 0 && infos[start - 1].word == the,
                  !run.contains(where: {
                      infos[$0].forcedTag != 0 || infos[$0].gazetteer & (personNameBits | knownPersonBits) != 0
                          || isNationalityWord(infos[$0])
                  }),
                  !(run.count == 1 && isCountryName(infos[run.lowerBound]))
            else { continue }
            teams.append(run)
        }
        return teams
    }
    private static let squadWords = words(["team", "squad"])
    /// Words of a national side's event or kind, or of a league, before "team" ("the Australian Davis
    /// Cup team", "the Dutch Olympic team", "the English Test team", "the Irish Republic team", "the
    /// Spanish Primera Liga team"), where ``teamsBeforeTeam(_:isCountryName:)`` names no team after a nationality.
    private static let teamEventWords = words([
        "olympic", "cup", "davis", "ryder", "fed", "test", "world", "commonwealth", "national", "republic", "league", "liga",
        "serie", "primera", "premiership", "division", "under",
    ])

    /// ``NERTokenInfo/word`` of "club", "side", "team" and "champions", and the words before a "side" or "team" that names a club.
    private static let clubWord = NERFeatureExtractor.wordHash("club")
    private static let clubsWord = NERFeatureExtractor.wordHash("clubs")
    private static let sideWord = NERFeatureExtractor.wordHash("side")
    private static let championsWord = NERFeatureExtractor.wordHash("champions")
    private static let clubQualifiers = words(["division", "league", "cycling"])

    /// Clubs whose name is a word of clubs' names and a place: "Real Oviedo", "Sporting Gijon",
    /// "Sparta Prague", "Dinamo Bucharest", "VfL Bochum", "FC Twente", "Hansa Rostock", "Fortuna
    /// Duesseldorf", "Germinal Ekeren", "Celta Vigo" (``clubPrefixWords``, then one
    /// or two capitalised words, the last a listed place's, and no capitalised word after; after one
    /// of ``clubsOwnPrefixWords`` any one word that is no person's: "Deportivo Coruna"). Forced as
    /// teams, as ``clubsAfterDescriptors(_:)``. The weights had read the place alone.
    static func clubsWithPrefixes(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var clubs: [Range<Int>] = []
        let (prefixes, clubsOwn) = (clubPrefixWords, clubsOwnPrefixWords)
        for i in infos.indices.dropLast() where infos[i].isCapitalised && infos[i + 1].isCapitalised {
            guard i == 0 || !infos[i - 1].isCapitalised, infos[i].flags & F.flagHasDigit == 0, prefixes.contains(infos[i].word)
            else { continue }
            var end = i + 1
            while end < n, infos[end].isCapitalised { end += 1 }
            // (After a word only clubs' names open with, any town will do: "Deportivo Coruna", "Odra
            // Wodzislaw", whose towns the lists lack; not a person's name.)
            let town = infos[end - 1]
            guard (2 ... 3).contains(end - i),
                  town.gazetteer & listedOrKnownPlaceBits != 0
                      || end - i == 2 && clubsOwn.contains(infos[i].word) && town.gazetteer & personNameBits == 0
                      && town.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower,
                  !(i ..< end).contains(where: { infos[$0].forcedTag != 0 })
            else { continue }
            clubs.append(i ..< end)
        }
        return clubs
    }

    /// The first words of ``clubsWithPrefixes(_:)``.
    private static let clubPrefixWords = words([
        "Real", "Sporting", "Racing", "Dinamo", "Dynamo", "Atletico", "Deportivo", "Olympique", "Sparta", "Slavia",
        "Slovan", "Spartak", "Lokomotiv", "Vitoria", "Petra", "Hajduk", "Legia", "Widzew", "Ruch", "Steaua",
        "VfL", "VfB", "FC", "SV", "TSV", "FK", "NK", "CSKA",
        "Hansa", "Fortuna", "Germinal", "Borussia", "Eintracht", "Werder", "Hertha", "Arminia", "Energie", "Alemannia",
        "Bayern", "Vitesse", "Celta", "Girondins", "Stade", "Olympiakos", "Panathinaikos", "AEK", "PAOK",
        "Odra", "Gornik", "Wisla", "Polonia", "Zaglebie", "Partizan", "Zalgiris",
    ])
    /// The words of ``clubPrefixWords`` that open only clubs' names (no English word, given name or
    /// place): a town the lists lack may follow them.
    private static let clubsOwnPrefixWords = words([
        "Deportivo", "Dinamo", "Dynamo", "Olympique", "Spartak", "Lokomotiv", "CSKA", "Hajduk", "Legia", "Widzew",
        "Steaua", "Slavia", "Slovan", "Borussia", "Eintracht", "Werder", "Arminia", "Girondins", "Alemannia",
        "Germinal", "Hansa", "VfL", "VfB", "Odra", "Gornik", "Zaglebie", "Partizan", "Zalgiris",
    ])

    /// In a sports report (the decoder asks only once the document has a club:
    /// ``NERDocumentTeams/hasClub``, or the document opens as a team sport's report:
    /// ``NERGazetteer/opensTeamSportsReport(_:)``), a town named right after a match's verb, "against", "behind" or
    /// a score's or a result's "at" or "with", or a scorer's "for" is a club: "visit Southampton on Saturday", "a home game
    /// against Leeds at Highfield Road", "host Rapid", "beat Caen", "a point behind Leverkusen", "lost
    /// 2-1 at Heerenveen", "a 1-1 draw at Heerenveen", "a 4-4 tie with Philadelphia", "scored twice
    /// for Leverkusen" (``scoringWords`` in the three words before "for").
    /// With `venues` false (the decoder's choice for a sentence naming a country before the document
    /// has a club: "England 's 2-0 win at Chisinau", where the town is the venue), the "at" and "with"
    /// after a score or a result do not count.
    /// One capitalised word that is only a listed place's (``isOnlyAPlacesWord``), no country's name
    /// (`isCountryName`: "against Italy" is a national side, a place) nor a ground's ("at Wembley",
    /// ``groundNames``), not forced, maybe with a word of clubs' names after it (``clubNameWords``:
    /// "at Coventry City"), and no other capitalised word after it. The weights had read such clubs as places, or "Leeds" as a person.
    static func clubsAfterMatchVerbs(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, venues: Bool = true, isCountryName: (NERTokenInfo) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var clubs: [Range<Int>] = []
        let (verbs, scoring, goalsFor) = (matchVerbs, scoringWords, forWord)
        let (at, with, score, grounds, clubWords) = (atWord, withWord, scoreShape, groundNames, clubNameWords)
        for k in infos.indices.dropLast() where infos[k + 1].isCapitalised && infos[k].flags & F.flagsOfLetters == F.flagHasLower {
            let club = infos[k + 1]
            // (Or "at" or "with" after a score or a result: "lost 2-1 at Heerenveen", "held 0-0 at
            // Bastia", "a 4-4 tie with Philadelphia".)
            let afterScore = venues && (infos[k].word == at || infos[k].word == with) && k > 0
                && (infos[k - 1].shortShape == score || resultNouns.contains(infos[k - 1].word))
            // (Or the "for" of a player's goals: "Ulf Kirsten scored twice for Leverkusen".)
            let afterGoals = infos[k].word == goalsFor && (max(0, k - 3) ..< k).contains(where: { scoring.contains(infos[$0].word) })
            let word = F.flagInitialUpper | F.flagHasLower
            guard verbs.contains(infos[k].word) || afterScore || afterGoals, isTownNamingAClub(club, grounds, isCountryName)
            else { continue }
            // (A word of clubs' names may follow the town: "lost 1-0 at Coventry City".)
            let end = k + 2 < n && clubWords.contains(infos[k + 2].word) && infos[k + 2].flags & (F.flagsOfLetters | F.flagHasDigit) == word
                && infos[k + 2].forcedTag == 0 ? k + 3 : k + 2
            guard end == n || !infos[end].isCapitalised else { continue }
            clubs.append(k + 1 ..< end)
        }
        return clubs
    }

    /// In a sports report (as ``clubsAfterMatchVerbs(_:venues:isCountryName:)``), a town right before
    /// a verb of a result or of a table's place is a club: "Bayern lead the table", "Monaco opened up
    /// a five-point lead", "as Cologne won 4-1 at Freiburg" (``verbsAfterClubs``). One capitalised word
    /// that is only a listed place's (``isOnlyAPlacesWord``) and no listed given name or surname ("but
    /// Wright equalised" is a player), no country's name (`isCountryName`:
    /// "Italy beat Moldova" are national sides, places) nor a ground's, not forced, opening the
    /// sentence or after punctuation or a conjunction (``clauseOpeners``: "as", "while", "and" …).
    /// The weights had read such clubs as places.
    static func clubsBeforeMatchVerbs(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCountryName: (NERTokenInfo) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let (verbs, openers, grounds) = (verbsAfterClubs, clauseOpeners, groundNames)
        var clubs: [Range<Int>] = []
        for k in infos.indices.dropLast() where verbs.contains(infos[k + 1].word) {
            let club = infos[k]
            guard infos[k + 1].flags & F.flagsOfLetters == F.flagHasLower,
                  k == 0 || infos[k - 1].flags & F.flagNoAlphanumeric != 0 || openers.contains(infos[k - 1].word),
                  isTownNamingAClub(club, grounds, isCountryName), club.gazetteer & personNameBits == 0
            else { continue }
            clubs.append(k ..< k + 1)
        }
        return clubs
    }
    /// Whether `club` is a town's name that a sports report's match may make a club's
    /// (``clubsAfterMatchVerbs(_:venues:isCountryName:)``, ``clubsBeforeMatchVerbs(_:isCountryName:)``):
    /// one word with a capital and small letters, only a listed place's (``isOnlyAPlacesWord``), no
    /// country's name (`isCountryName`) nor one of `grounds` (``groundNames``, which callers read once),
    /// and not forced.
    private static func isTownNamingAClub(
        _ club: NERTokenInfo, _ grounds: NERWordSet, _ isCountryName: (NERTokenInfo) -> Bool
    ) -> Bool {
        club.flags & (NERFeatureExtractor.flagsOfLetters | NERFeatureExtractor.flagHasDigit)
            == NERFeatureExtractor.flagInitialUpper | NERFeatureExtractor.flagHasLower
            && club.forcedTag == 0 && isOnlyAPlacesWord(club) && !isCountryName(club) && !grounds.contains(club.word)
    }

    /// The verbs of ``clubsBeforeMatchVerbs(_:isCountryName:)``: a match's result, a table's place.
    private static let verbsAfterClubs = words([
        "won", "beat", "drew", "lost", "lead", "leads", "trail", "trails", "thrashed", "crushed", "edged", "stunned",
        "routed", "defeated", "overcame", "opened", "moved", "stayed", "remain", "remained", "climbed", "slipped",
        "conceded",
    ])
    /// Conjunctions in small letters that open a clause before its subject.
    private static let clauseOpeners = words(["as", "while", "and", "but", "after", "when", "where", "with", "whereas"])

    /// In a sports report (as ``clubsAfterMatchVerbs(_:isCountryName:)``), one capitalised word
    /// standing alone that the name lists have as an organisation, a place's too maybe, is a club:
    /// "scored for Benfica", "Benfica , who beat Farense". Not after "in", "at", "near", "from", "to"
    /// or "into" ("in Porto" is the city), nor a listed person's name, a country's name, or a forced
    /// word. The weights had read clubs the lists have as places too as the places.
    static func listedClubsStandingAlone(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCountryName: (NERTokenInfo) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var clubs: [Range<Int>] = []
        let locatives = locativeWords
        for k in infos.indices where F.listPosition(infos[k], .organization) == 4 {
            let club = infos[k]
            guard club.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower,
                  club.forcedTag == 0, club.gazetteer & personNameBits == 0,
                  k == 0 || !infos[k - 1].isCapitalised && !locatives.contains(infos[k - 1].word),
                  k + 1 == n || !infos[k + 1].isCapitalised, !isCountryName(club)
            else { continue }
            clubs.append(k ..< k + 1)
        }
        return clubs
    }

    /// The words before a place that ``listedClubsStandingAlone(_:isCountryName:)`` leaves alone.
    private static let locativeWords = words(["in", "at", "near", "from", "to", "into"])

    /// The words of ``clubsAfterMatchVerbs(_:isCountryName:)``.
    private static let matchVerbs = words([
        "against", "visit", "visits", "visiting", "host", "hosts", "hosting", "face", "faces", "facing", "play", "plays",
        "playing", "meet", "meets", "beat", "beats", "beating", "behind",
    ])
    /// A player's scoring before the "for" of the club it was for ("scored twice for Leverkusen", "his
    /// 11th goal for Parma").
    private static let scoringWords = words(["scored", "scores", "scoring", "goal", "goals", "netted"])
    /// Grounds named like the places they stand in, which the lists have as places: "a 1-1 draw at
    /// Anfield", "the final at Wembley".
    private static let groundNames = words([
        "Wembley", "Anfield", "Ibrox", "Parkhead", "Hampden", "Highbury", "Goodison", "Hillsborough", "Twickenham",
        "Murrayfield", "Headingley", "Edgbaston", "Maracana", "Bernabeu",
    ])
    /// The results before "at" or "with" that make the town after it a side: "a 1-1 draw at
    /// Heerenveen", "a 4-4 tie with Philadelphia".
    private static let resultNouns = words(["draw", "win", "defeat", "victory", "loss", "tie"])
    /// The short shape of a score: "2-1".
    static let scoreShape = NERFeatureExtractor(hashBits: 8).info(for: "2-1").shortShape

    /// Clubs named by a club's last word: a capitalised run of two or three words, each a capital and
    /// small letters, ending in "Rovers", "United", "Athletic", "Wanderers", "Rangers", "Albion",
    /// "Thistle", "Academical" or "Hotspur" ("Raith Rovers", "Partick Thistle", "Bolton
    /// Wanderers"), not starting with a listed given name or a title, none forced. Not "City",
    /// "Town" or "County", which end places' names as often ("Kansas City", "Cape Town"). Forced as
    /// teams. The weights had read unknown clubs as persons.
    static func clubsByLastWord(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var clubs: [Range<Int>] = []
        let lastWords = clubLastWords
        F.forEachCapitalisedRun(infos) { run in
            guard (2 ... 3).contains(run.count), lastWords.contains(infos[run.upperBound - 1].word),
                  run.allSatisfy({ infos[$0].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower }),
                  F.listPosition(infos[run.lowerBound], .givenName) == 0, infos[run.lowerBound].cues & cueTitle == 0,
                  !run.contains(where: { infos[$0].forcedTag != 0 })
            else { return }
            clubs.append(run)
        }
        return clubs
    }

    /// The last words of ``clubsByLastWord(_:)``: the club words of ``clubNameWords`` that end no
    /// place's name.
    private static let clubLastWords = clubNameWords.subtracting(words(["county", "city", "town", "state", "fc", "afc"]))

    /// `company` without the legal suffixes that end it ("Stork" of "Stork NV", "Acme" of "Acme Corp
    /// Ltd").
    static func withoutLegalSuffix(_ company: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Range<Int> {
        var end = company.upperBound
        while end > company.lowerBound + 1, isLegalSuffix(infos[end - 1]) { end -= 1 }
        return company.lowerBound ..< end
    }

    /// The first word of a company named by it and a business's head word ("Lucas" of "Lucas
    /// Industries" of "Lucas Industries Plc", ``withoutLegalSuffix(_:_:)``), which the rest of the story
    /// uses alone ("Lucas shares rose 11 pence"): a capital and small letters, no word the casing
    /// lexicon has in small letters ("Western Mining Corp": `isCommonWord`), no cue (a title:
    /// "Premier Oil Plc"), known place or nationality ("British Steel Plc"), nor a listed town that is
    /// no listed given name or surname, before one of ``shortNameHeadWords``.
    static func shortCompanyName(
        _ name: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> Int? {
        typealias F = NERFeatureExtractor
        guard name.count == 2 else { return nil }
        let first = infos[name.lowerBound]
        guard first.flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasHyphen) == F.flagInitialUpper | F.flagHasLower,
              !isCommonWord(first.word),
              first.cues == 0, first.gazetteer & locationOrDemonymBits == 0,
              first.gazetteer & listedPlaceBits == 0 || first.gazetteer & personNameBits != 0,
              shortNameHeadWords.contains(infos[name.lowerBound + 1].word)
        else { return nil }
        return name.lowerBound
    }
    private static let locationOrDemonymBits = typeBits([.location, .demonym])
    /// The head words after which a company's first word names it (``shortCompanyName(_:_:isCommonWord:)``).
    private static let shortNameHeadWords = words([
        "Industries", "Group", "Holdings", "Enterprises", "Resources", "Mining", "Minerals", "Petroleum", "Oil",
        "Motors", "Airways", "Airlines", "Electronics", "Telecom", "Steel", "Chemicals", "Pharmaceuticals",
        "Securities", "Breweries", "Shipping", "Properties", "Investments", "Communications", "Energy", "Metals",
        "Technologies", "Systems", "Foods", "Textiles", "Cement", "Bank",
    ])

    /// Whether a sentence announces a block of results or standings: it ends with a colon and holds
    /// the word "results" or "standings" ("Results of English first division matches on Saturday :",
    /// "Central division standings ( W L PCT GB ) :"). The decoder counts it as a results line, so the
    /// block's first line is read as one even when a team is in no list ("Bath 34 Orrell 13").
    static func announcesResults(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        guard infos.count >= 3, infos[infos.count - 1].word == colonWord else { return false }
        let announcements = resultsAnnouncementWords
        return infos.contains { announcements.contains($0.word) }
    }

    /// The words of ``announcesResults(_:)``.
    private static let resultsAnnouncementWords = words(["results", "standings"])

    /// The clubs of a European cup's results line with their countries, or `nil` for any other
    /// sentence: each club's name, its country in brackets and its score, twice, maybe with a closing
    /// note ("Barcelona ( Spain ) 2 Red Star Belgrade ( Yugoslavia ) 1 ( halftime 1-0 )", "Inter
    /// Milan ( Italy ) 1 Anderlecht ( Belgium ) 1"). A club is any capitalised run that is not a
    /// country itself. The weights had read such clubs as places, and "Inter Milan" as the person
    /// "Milan".
    static func cupResultTeams(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, countries: [Range<Int>]
    ) -> [(club: Range<Int>, country: Range<Int>)]? {
        typealias F = NERFeatureExtractor
        guard countries.count >= 2, infos.first?.isCapitalised == true else { return nil }
        let end = resultNote(infos)?.lowerBound ?? infos.count
        var teams: [(club: Range<Int>, country: Range<Int>)] = []
        var k = 0
        while teams.count < 2 {
            let start = k
            while k < end, infos[k].isCapitalised { k += 1 }
            guard k > start, k < end, infos[k].word == openBracketWord,
                  let country = countries.first(where: { $0.lowerBound == k + 1 }), !countries.contains(start ..< k),
                  country.upperBound + 1 < end, infos[country.upperBound].word == closeBracketWord
            else { return nil }
            let score = infos[country.upperBound + 1]
            guard score.flags & (F.flagHasDigit | F.flagsOfLetters | F.flagHasHyphen | F.flagHasPeriod) == F.flagHasDigit,
                  score.length <= 3 else { return nil }
            teams.append((start ..< k, country))
            k = country.upperBound + 2
        }
        guard (k ..< end).allSatisfy({ infos[$0].flags & F.flagNoAlphanumeric != 0 }) else { return nil }
        return teams
    }

    /// A results line's closing note in brackets after its last figure, and any punctuation after
    /// it: "( 10 innings )", "( OT )", "( aet )", "( after extra time )": at most four words, none
    /// written with a capital and small letters (not "( Smith 2 )", a scorer).
    static func resultNote(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Range<Int>? {
        typealias F = NERFeatureExtractor
        var end = infos.count
        while end > 0, infos[end - 1].flags & F.flagNoAlphanumeric != 0, infos[end - 1].word != closeBracketWord { end -= 1 }
        guard end >= 4, infos[end - 1].word == closeBracketWord,
              let open = (max(1, end - 6) ..< end - 2).last(where: { infos[$0].word == openBracketWord }),
              isFigure(infos[open - 1])
        else { return nil }
        let words = open + 1 ..< end - 1
        guard !words.contains(where: {
            infos[$0].flags & (F.flagInitialUpper | F.flagHasLower) == F.flagInitialUpper | F.flagHasLower
                || infos[$0].word == openBracketWord
        }) else { return nil }
        return open ..< infos.count
    }

    /// Whether a sentence opens a cricket report: "CRICKET - ENGLISH COUNTY CHAMPIONSHIP SCORES",
    /// "Cricket - Leicestershire take control" (the topic's kicker and a dash).
    static func opensCricketReport(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        infos.count >= 3 && infos[0].word == cricketWord && infos[0].isCapitalised && infos[1].word == dashWord
    }

    /// Whether a sentence opens with motor racing's kicker and a dash ("MOTOR RACING - HILL TESTS
    /// ARROWS", "FORMULA ONE - …"): a news story's headline, so the document is a motor-racing report.
    static func opensMotorRacingReport(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        infos.count >= 4 && infos[0].isCapitalised && infos[2].word == dashWord
            && (infos[0].word == motorWord && infos[1].word == racingWord || infos[0].word == formulaWord && infos[1].word == oneWord)
    }
    private static let motorWord = NERFeatureExtractor.wordHash("motor")
    private static let racingWord = NERFeatureExtractor.wordHash("racing")

    /// Formula One's teams named by one word in a motor-racing report (``opensMotorRacingReport(_:)``):
    /// "will drive for Williams", "his Arrows", "left Williams after winning the title"
    /// (``racingTeamWords``; not "Stewart" or "Prost", drivers' names first). The word must stand
    /// alone: no capitalised word right before it, unless it opens the sentence, nor right after it
    /// ("Frank Williams", "Williams Grand Prix Engineering"), and no rule forced it. The weights had
    /// read "Williams" as a person.
    static func racingTeams(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let teams = racingTeamWords
        var found: [Range<Int>] = []
        for k in infos.indices where infos[k].flags & F.flagsOfLetters == F.flagInitialUpper | F.flagHasLower {
            guard teams.contains(infos[k].word), infos[k].forcedTag == 0,
                  k == 0 || !infos[k - 1].isCapitalised, k + 1 == infos.count || !infos[k + 1].isCapitalised
            else { continue }
            found.append(k ..< k + 1)
        }
        return found
    }
    private static let racingTeamWords = words([
        "Williams", "Arrows", "Tyrrell", "Jordan", "Benetton", "Ferrari", "McLaren", "Minardi", "Sauber", "Ligier",
        "Footwork", "Forti", "Lotus", "Brabham",
    ])

    /// Whether a sentence opens with the kicker of a sport played by clubs and a dash ("SOCCER -
    /// GERMAN FIRST DIVISION RESULTS", "ICE HOCKEY - NHL RESULTS", "Rugby union - …", "CRICKET - …"):
    /// a news story's headline, so the document is such a report.
    static func opensTeamSportsReport(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        guard infos.count >= 3, infos[0].isCapitalised else { return false }
        if infos[1].word == dashWord { return teamSportWords.contains(infos[0].word) }
        return infos.count >= 4 && infos[2].word == dashWord && teamSportQualifiers.contains(infos[0].word)
            && qualifiedTeamSportWords.contains(infos[1].word)
    }
    /// The kickers of ``opensTeamSportsReport(_:)``: one of these words, or a qualifier and a word
    /// ("ICE HOCKEY", "FIELD HOCKEY", "RUGBY UNION", "RUGBY LEAGUE", "AMERICAN FOOTBALL", "AUSTRALIAN RULES").
    private static let teamSportWords = words([
        "soccer", "football", "basketball", "baseball", "hockey", "cricket", "rugby", "volleyball", "handball",
    ])
    private static let teamSportQualifiers = words(["ice", "field", "rugby", "american", "australian", "gaelic"])
    private static let qualifiedTeamSportWords = words(["hockey", "union", "league", "football", "rules"])

    /// The first-class sides named after a region standing alone in a cricket report, which
    /// newswire annotates as clubs (CoNLL's organisations): the English counties ("Leicestershire
    /// moved closer to the title", "against Middlesex at Grace Road", "Leicestershire first
    /// innings"), Australia's states in the Sheffield Shield ("between Tasmania and Queensland"), and
    /// the provinces of South Africa, Zimbabwe and New Zealand and the West Indies' island groups that
    /// play touring sides ("a seven-wicket defeat against Mashonaland", "their match against Free
    /// State"). Not after "in", "at", "near", "of" or "outside" (a place: "rain in Essex"), nor next
    /// to another capitalised word ("Essex County Cricket Club", "Kent Messenger"). The weights and
    /// the name lists read them as places.
    static func countySides(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var sides: [Range<Int>] = []
        let names = firstClassSides
        var i = 0
        while i < infos.count {
            guard infos[i].isCapitalised else { i += 1; continue }
            var end = i + 1
            while end < infos.count, infos[end].isCapitalised { end += 1 }
            defer { i = end }
            // (A known place's name forced as one, not firmly, gives way: "; Queensland 45-1".)
            guard end - i <= 3, i == 0 || !venuePrepositions.contains(infos[i - 1].word),
                  !(i ..< end).contains(where: { infos[$0].forcedTag != 0 && infos[$0].forcedTagIsFirm })
            else { continue }
            if names.contains(runHash(i ..< end, infos)) { sides.append(i ..< end) }
        }
        return sides
    }

    /// The ground a county score line opens with, before a colon and a county: "Leicester :
    /// Leicestershire 425-7 declared", "At Chester-le-Street : Durham 326", "In Perth : Western
    /// Australia 281-7" ("At" and "In" are no part of it).
    static func countyScoreGround(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Range<Int>? {
        let start = infos.first.map { $0.word == atWord || $0.word == inWord } == true ? 1 : 0
        var end = start
        while end < infos.count, infos[end].isCapitalised { end += 1 }
        guard end > start, end - start <= 3, end + 1 < infos.count, infos[end].word == colonWord,
              (end + 2 ... min(end + 4, infos.count)).contains(where: { firstClassSides.contains(runHash(end + 1 ..< $0, infos)) }),
              !(start ..< end).contains(where: { infos[$0].forcedTag != 0 })
        else { return nil }
        return start ..< end
    }

    /// The sides of ``countySides(_:)`` (``names(_:)``).
    private static let firstClassSides = names(
        [
            // England's eighteen first-class counties.
            "Derbyshire", "Durham", "Essex", "Glamorgan", "Gloucestershire", "Hampshire", "Kent", "Lancashire",
            "Leicestershire", "Middlesex", "Northamptonshire", "Nottinghamshire", "Somerset", "Surrey", "Sussex",
            "Warwickshire", "Worcestershire", "Yorkshire",
            // Australia's states, South Africa's, Zimbabwe's and New Zealand's provinces, the West Indies' islands.
            "Queensland", "Tasmania", "New South Wales", "South Australia", "Western Australia", "Victoria",
            "Free State", "Orange Free State", "Natal", "KwaZulu-Natal", "Transvaal", "Northern Transvaal", "Eastern Transvaal",
            "Western Province", "Eastern Province", "Griqualand West", "Boland", "Gauteng",
            "Mashonaland", "Matabeleland", "Mashonaland Country Districts",
            "Otago", "Canterbury", "Northern Districts", "Central Districts", "Leeward Islands", "Windward Islands",
        ]
    )
    private static let cricketWord = NERFeatureExtractor.wordHash("cricket")

    /// The mentions of the West Indies standing alone: "West" and "Indies" capitalised and no
    /// capitalised word after them ("West Indies captain Courtney Walsh", "Australia beat West Indies
    /// by 123 runs"; not "West Indies Cricket Board"). The cricket side of many Caribbean countries
    /// is in no list as a country, and the weights read it as an organisation, where newswire
    /// annotates it as it does national sides.
    static func westIndies(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        var sides: [Range<Int>] = []
        let (west, indies) = (westWord, indiesWord)
        for i in infos.indices.dropLast() where infos[i].word == west && infos[i + 1].word == indies {
            guard infos[i].isCapitalised, infos[i + 1].isCapitalised, i + 2 == infos.count || !infos[i + 2].isCapitalised
            else { continue }
            sides.append(i ..< i + 2)
        }
        return sides
    }

    /// The teams of a fixture line, or `nil` for any other sentence: a capitalised run, "at", and
    /// another, and nothing else but punctuation ("TORONTO AT PORTLAND", "LA Lakers at Charlotte":
    /// the away team at the home team, as schedules list games; not "Toronto at Portland on
    /// Sunday"). Both runs must hold a place or an organisation the gazetteer lists, and neither may
    /// read as a person ("Smith at Oxford").
    static func fixtureTeams(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>]? {
        typealias F = NERFeatureExtractor
        guard infos.count >= 3, infos.count <= 10, infos[0].isCapitalised,
              let at = infos.firstIndex(where: { $0.word == atWord }) else { return nil }
        // Each side on its own: an "AT" in capitals joins the words around it into one run.
        let left = F.capitalisedRuns(UnsafeBufferPointer(rebasing: infos[..<at]))
        let right = F.capitalisedRuns(UnsafeBufferPointer(rebasing: infos[(at + 1)...]))
        guard left == [0 ..< at], let away = right.first, right.count == 1, away.lowerBound == 0 else { return nil }
        let runs = [left[0], at + 1 ..< at + 1 + away.count]
        // A run joined by "on" is a date's ("at Derby on Sunday"), not a team's (the rule gives up a
        // "Stratford on Avon" too).
        guard (runs[1].upperBound ..< infos.count).allSatisfy({ infos[$0].flags & F.flagNoAlphanumeric != 0 }),
              !runs[1].contains(where: { infos[$0].word == onWord }) else { return nil }
        for run in runs {
            let hits = run.reduce(UInt32(0)) { $0 | infos[$1].gazetteer }
            guard hits & placeOrOrganizationBits != 0, hits & knownPersonBits == 0, !isPerson(run, infos) else { return nil }
        }
        return runs
    }

    /// The team named right before "team-mate", "teammate" or "team mate" ("Hill 's Williams
    /// team-mate Jacques Villeneuve", "his Mapei team-mates"): the capitalised run of one to three
    /// words before it (a sentence's first word not counted if it is "His", "The" or another
    /// determiner), with no nationality ("his Swiss team-mate") and no word the casing lexicon has in
    /// small letters (`isCommonWord`: "his Test team-mate"), not of two or more words opening with a
    /// listed given name (a person's), and not one word that is a place's ("his Olympic team-mate";
    /// a national side's, "his England team-mate", is left to the model too). The weights had read a
    /// team named like a person ("Williams") as one, or nothing.
    static func teamsOfTeamMates(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var teams: [Range<Int>] = []
        let (mates, team, mate) = (teamMateWords, teamWord, mateWords)
        // (A capitalised word before a small word of four or eight to ten letters first: most tokens
        // fail that without a lookup.)
        for k in 1 ..< max(1, n) where infos[k - 1].isCapitalised && (infos[k].length == 4 || (8 ... 10).contains(infos[k].length)) {
            let word = infos[k].word
            guard mates.contains(word) || word == team && k + 1 < n && mate.contains(infos[k + 1].word) else { continue }
            var start = k
            while start > 0, k - start < 4, infos[start - 1].isCapitalised { start -= 1 }
            // (A sentence's capitalised first word may be a determiner: "His Williams team-mate".)
            let opensWithDeterminer = start == 0 && determiners.contains(infos[0].word)
            if opensWithDeterminer { start = 1 }
            guard start < k, k - start <= 3, start == 0 || opensWithDeterminer || !infos[start - 1].isCapitalised,
                  !(start ..< k).contains(where: { F.listPosition(infos[$0], .demonym) == 4 }),
                  !(k - start >= 2 && F.listPosition(infos[start], .givenName) == 4),
                  !(k - start == 1 && infos[start].gazetteer & listedOrKnownPlaceBits != 0),
                  (start ..< k).allSatisfy({
                      infos[$0].flags & F.flagInitialUpper != 0 && infos[$0].flags & F.flagHasLower != 0 && !isCommonWord(infos[$0].word)
                  })
            else { continue }
            teams.append(start ..< k)
        }
        return teams
    }

    /// The words of ``teamsOfTeamMates(_:)``.
    private static let teamMateWords = words(["team-mate", "team-mates", "teammate", "teammates"])
    /// ``NERTokenInfo/word`` of "team" (``teamsOfTeamMates(_:)``, ``clubsAfterDescriptors(_:)``).
    private static let teamWord = NERFeatureExtractor.wordHash("team")
    private static let mateWords = words(["mate", "mates"])
    private static let determiners = words(["his", "her", "their", "its", "the", "a", "an", "former"])

    /// Whether a capitalised run reads as a person's name: two or more words starting with a listed
    /// given name, none of them a place or organisation the knowledge base has, a listed place
    /// that is no listed given name or surname, a word of clubs' names (``clubNameWords``: "Ross
    /// County"), "of" or a possessive ("Queen of the South", "Queen 's Park"), or a given name and
    /// "II" ("Willem II") ("Tom Lehman", "Rodney Eyles"; not "Hertha Berlin", "Paris St Germain"), or
    /// one word that the gazetteer lists only as a surname ("Woods").
    private static func isPerson(_ run: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        typealias F = NERFeatureExtractor
        let first = infos[run.lowerBound]
        if run.count >= 2 {
            let clubWords = clubNameWords
            return F.listPosition(first, .givenName) == 4
                && !run.contains { k in
                    let word = infos[k].word
                    return isPlace(infos[k]) || clubWords.contains(word) || word == possessiveWord || word == ofWord
                        || word == secondWord && run.count == 2
                }
        }
        let otherTypes = first.gazetteer & ~surnameBits
        return F.listPosition(first, .surname) == 4 && otherTypes == 0
    }

    /// Words of clubs' names that no person's name in a sports line holds: "Ross County", "Albion
    /// Rovers", "Golden State" (``isPerson(_:_:)``).
    private static let clubNameWords = words([
        "county", "city", "united", "rovers", "athletic", "albion", "town", "wanderers", "rangers", "thistle",
        "academical", "hotspur", "fc", "afc", "state",
    ])
    /// "II" after a given name alone is a club's ("Willem II"); after a given name and a surname, a
    /// person's ("Frank Lickliter II").
    private static let secondWord = NERFeatureExtractor.wordHash("II")

    /// The teams of a sports report:
    /// - a capitalised run just before a player's role and the player's name ("Glamorgan captain
    ///   Matthew Maynard");
    /// - the runs on either side of "v" or "vs" when both are teams ("Leicestershire v Somerset",
    ///   "JUVENTUS V PARMA");
    /// - in a sentence with a score ("2-1", "103-95"; not a vote's "426-111") or a cricket margin ("by
    ///   an innings", "by five wickets"), the run just before a result verb ("beat", "drew", "lost",
    ///   "defeated" …) and the one just after it, a score, a preposition ("to", "with", "against",
    ///   "by") and "the" allowed between ("Barcelona beat Real Madrid 2-0", "Newcastle lost 2-1 to
    ///   Chelsea", "Leicestershire beat Somerset by an innings");
    /// - in a sentence with a score within three words of a result verb or a result's word ("win",
    ///   "victory", "won" …; a match report's round-up: "Sampdoria 's 3-0 win over Cagliari", "Lazio
    ///   held Parma to a 1-1 draw", "Coventry and Southampton drew 1-1"; not a poll's, a vote's or a
    ///   date's figures: "49-41 percent", "12-13 May"), every run, split at "and", "on", "-" and "'s",
    ///   that holds a listed place written as a name ("Bologna", not "KOs") and is no country's name
    ///   (a player's, "Sweden 's Stefan Edberg beat …"), unless it or its whole run follows "in",
    ///   "at", "near", "of" or "outside", maybe with "the" ("at Wembley", "at the Nou Camp", "in
    ///   Michigan and Ohio": venues).
    ///
    /// A team is a run that holds a place or an organisation the gazetteer lists and no person's name
    /// (``isPerson(_:_:)``): a player's name, or one the gazetteer does not know ("Sampras beat
    /// Ivanisevic 6-3 6-4", "Feyenoord beat Utrecht"), is left to the model.
    static func sportsReportTeams(_ infos: UnsafeBufferPointer<NERTokenInfo>, countries: [Range<Int>]) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let kinds = infos.reduce(UInt8(0)) { $0 | $1.newswireWord }
        guard kinds != 0 else { return [] }
        // (100 to 199 a side, "110-105", is a basketball score, but not in a sentence about an
        // election; "1995-96" is a season, "426-111" electoral votes.)
        func isScore(_ info: NERTokenInfo) -> Bool {
            let marks = F.flagHasDigit | F.flagHasHyphen
            return info.flags & (marks | F.flagsOfLetters | F.flagHasPeriod) == marks
                && ((3 ... 6).contains(info.length) || info.length == 7 && isBasketballScore(info) && kinds & electionWord == 0)
        }
        func isA(_ k: Int, _ kind: UInt8) -> Bool { infos[k].newswireWord & kind != 0 }
        let hasRole = kinds & playerRole != 0
        // A score, not a poll's, a vote's or a date's ("49-41 percent", "a 12-5 vote", "12-13 May").
        func isMatchScore(_ k: Int) -> Bool {
            isScore(infos[k]) && (k + 1 == infos.count || !tallyWords.contains(infos[k + 1].word))
        }
        let hasScore = kinds & resultVerb != 0 && infos.indices.contains(where: isMatchScore)
        let hasResult = kinds & resultVerb != 0 && (kinds & cricketMargin != 0 || hasScore)
        // A round-up's result: a score within three words of a result's verb or word ("a 3-0 win
        // over", "drew 1-1", "won 2-1 at"), in a sentence about no election ("Dole won Kansas 54-36
        // in the primary").
        let hasRoundUpResult = kinds & (resultVerb | resultWord) != 0 && kinds & electionWord == 0 && infos.indices.contains { k in
            isMatchScore(k) && (max(0, k - 3) ... min(infos.count - 1, k + 3)).contains { isA($0, resultVerb | resultWord) }
        }
        let versus = kinds & versusWord == 0 ? [] : infos.indices.dropFirst().dropLast().filter { isA($0, versusWord) }
        guard hasRole || hasResult || hasRoundUpResult || !versus.isEmpty else { return [] }
        let runs = F.capitalisedRuns(infos)
        /// The team in `run` next to the verb: the words after the run's last "-" or "'s" when the run
        /// comes before the verb ("SOCCER - Barcelona beat"), before its first one when it comes after.
        func team(_ run: Range<Int>, before verb: Bool) -> Range<Int>? {
            var run = verb ? afterLastSeparator(run, infos) : run
            if !verb, let split = run.first(where: { teamSeparators.contains(infos[$0].word) }) {
                run = run.lowerBound ..< split
            }
            // A sentence's first word that qualifies the team is no part of it ("The", "Former"); nor
            // is a connector at either end ("of" left by a split).
            if run.lowerBound == 0, run.count >= 2, infos[0].gazetteer == 0, teamQualifiers.contains(infos[0].word) {
                run = 1 ..< run.upperBound
            }
            while let first = run.first, F.runConnectors.contains(infos[first].word) { run = run.dropFirst() }
            while let last = run.last, F.runConnectors.contains(infos[last].word) { run = run.dropLast() }
            guard !run.isEmpty else { return nil }
            // (An entrant, a given name first and a country in brackets after, is no team: "beat Jonas
            // Bjorkman and Nicklas Kulti ( Sweden )".)
            if F.listPosition(infos[run.lowerBound], .givenName) == 4, run.upperBound < infos.count,
               infos[run.upperBound].word == openBracketWord
            {
                return nil
            }
            // (A person of a place is no team: "beat Nana Miyagi of Japan 6-1 6-0".)
            if let of = run.first(where: { infos[$0].word == ofWord }), of > run.lowerBound,
               isPersonOfSomething(run.lowerBound ..< of, infos)
            {
                return nil
            }
            let hits = run.reduce(UInt32(0)) { $0 | infos[$1].gazetteer }
            guard hits & placeOrOrganizationBits != 0, hits & knownPersonBits == 0, !isPerson(run, infos) else { return nil }
            return run
        }
        var teams: [Range<Int>] = []
        // A role names the team's player or coach only with the person's name after it ("London
        // manager said" and "move Detroit forward" name no team).
        for (k, run) in runs.enumerated()
        where hasRole && run.upperBound < infos.count && isA(run.upperBound, playerRole)
            && k + 1 < runs.count && runs[k + 1].lowerBound == run.upperBound + 1
        {
            if let t = team(run, before: true) { teams.append(t) }
        }
        // The runs on either side of "v", which is no part of them ("JUVENTUS V PARMA": a "V" in
        // capitals joins the words around it into one run), when both are teams ("King George V
        // visited", "Henry V of England": a regnal number).
        for v in versus {
            guard let left = F.capitalisedRuns(UnsafeBufferPointer(rebasing: infos[..<v])).last, left.upperBound == v,
                  let right = F.capitalisedRuns(UnsafeBufferPointer(rebasing: infos[(v + 1)...])).first,
                  right.lowerBound == 0,
                  let home = team(left, before: true), let away = team(v + 1 ..< v + 1 + right.count, before: false)
            else { continue }
            for t in [home, away] where !teams.contains(t) { teams.append(t) }
        }
        for verb in infos.indices where hasResult && isA(verb, resultVerb) {
            if let before = runs.first(where: { $0.upperBound == verb }), let t = team(before, before: true),
               !teams.contains(t)
            {
                teams.append(t)
            }
            var k = verb + 1
            if k < infos.count, isScore(infos[k]) { k += 1 }
            if k < infos.count, resultPrepositions.contains(infos[k].word) { k += 1 }
            if k < infos.count, infos[k].word == theWord { k += 1 }
            if let after = runs.first(where: { $0.lowerBound == k }), let t = team(after, before: false),
               !teams.contains(t)
            {
                teams.append(t)
            }
        }
        // A round-up's clubs: every run with a listed place, split into its teams, not a venue. A
        // team found above that holds two of them was two ("Coventry and Southampton drew 1-1").
        /// Whether the words from `start` follow "in", "at", "near", "of" or "outside", maybe with
        /// "the" ("at the Nou Camp"), or start with one of them, as a run does after a sentence's
        /// capitalised "In" ("In Dublin , France beat Ireland 32-15"). (A part ending in a place's
        /// head word is a venue too: "at their new Riverside Stadium", checked below.)
        func isVenue(_ start: Int) -> Bool {
            if venuePrepositions.contains(infos[start].word) { return true }
            var k = start - 1
            if k >= 0, infos[k].word == theWord { k -= 1 }
            return k >= 0 && venuePrepositions.contains(infos[k].word)
        }
        var parts: [Range<Int>] = []
        for run in runs where hasRoundUpResult && !isVenue(run.lowerBound) {
            var start = run.lowerBound
            for k in run.lowerBound ... run.upperBound {
                guard k == run.upperBound || roundUpSeparators.contains(infos[k].word) else { continue }
                defer { start = k + 1 }
                guard k > start, !isVenue(start), !placeHeadWords.contains(infos[k - 1].word),
                      (start ..< k).contains(where: {
                          infos[$0].gazetteer & listedOrKnownPlaceBits != 0 && plainNameShapes.contains(infos[$0].shape)
                      }),
                      let t = team(start ..< k, before: false), !teams.contains(t), !countries.contains(t) else { continue }
                parts.append(t)
            }
        }
        teams.removeAll { t in parts.contains { $0 != t && t.contains($0.lowerBound) && t.contains($0.upperBound - 1) } }
        return teams + parts
    }

    /// The players of an individual match's result: in a sentence with two or more set scores ("6-3
    /// 6-4", "15-10 15-8": tennis, squash, badminton), the capitalised run just before a result verb
    /// and the one just after it, from after a "'s" or dash in it ("Sampras beat Ivanisevic 6-3 6-4",
    /// "Sweden 's Stefan Edberg beat France 's Cedric Pioline 6-3 6-4") or a nationality ("Czech
    /// Daniel Vacek"). Not a run holding a place or
    /// an organisation the knowledge base has, or a listed place that is no listed given name or
    /// surname ("Sweden beat France 6-3 6-4" leaves both to the model).
    static func setScorePlayers(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        guard infos.contains(where: { $0.newswireWord & resultVerb != 0 }) else { return [] }
        func isSetScore(_ info: NERTokenInfo) -> Bool {
            info.flags & (F.flagHasDigit | F.flagHasHyphen | F.flagsOfLetters | F.flagHasPeriod) == F.flagHasDigit | F.flagHasHyphen
                && (3 ... 5).contains(info.length)
        }
        guard infos.lazy.filter(isSetScore).count >= 2 else { return [] }
        /// The player in `run`: the words after its last "'s" or dash, and after a nationality before a
        /// listed given name ("beat Czech Daniel Vacek 7-6 6-3").
        func player(_ run: Range<Int>) -> Range<Int>? {
            var player = afterLastSeparator(run, infos)
            if player.count >= 3, F.listPosition(infos[player.lowerBound], .demonym) == 4,
               F.listPosition(infos[player.lowerBound + 1], .givenName) == 4 {
                player = player.dropFirst()
            }
            guard !player.isEmpty, !player.contains(where: { isPlace(infos[$0]) }) else { return nil }
            // A sentence's first word may be no part of the name ("Later Boetsch lost"): the first of
            // two or more words there must be a listed name.
            if player.lowerBound == 0, player.count >= 2, infos[0].gazetteer & personNameBits == 0 { return nil }
            return player
        }
        let runs = F.capitalisedRuns(infos)
        var players: [Range<Int>] = []
        for verb in infos.indices where infos[verb].newswireWord & resultVerb != 0 {
            let after = verb + 1 < infos.count && resultPrepositions.contains(infos[verb + 1].word) ? verb + 2 : verb + 1
            for run in runs where run.upperBound == verb || run.lowerBound == after {
                if let p = player(run), !players.contains(p) { players.append(p) }
            }
        }
        return players
    }

    /// The persons named right after a place's possessive ("Pakistan 's Jansher Khan won", "Morocco 's
    /// Hicham El Guerrouj won"), a person's role in small letters ("Dutch international Jaap Stam",
    /// "defending champion Bjarne Riis", "coach Lothar Matthaeus") or a nationality ("Czech Pavel
    /// Nedved") or a title with a capital ("Oil Minister Amer Mohammed Rashid", sixteenth session: the
    /// weights had dropped the unknown first word): a run of two or three words, each a capital and
    /// small letters, followed by no other capitalised word, dash or particle; after a nationality the
    /// first must be a listed given name. Each word must be a listed given name or surname and nothing
    /// else the lists have (the last may be a listed town's name too: "Brazilian Sonny Anderson"), or a word the
    /// casing lexicon does not know (`isKnownWord`: every word of the training files and the English
    /// words; "Australia 's Royal National Park", "Germany 's Deutsche Bank", "Canada 's Bre-X
    /// Minerals"), and be no cue (a title, an organisation's head word or legal suffix: "Britain 's
    /// Prince Charles") nor forced already; after a player's position one word will do
    /// (``playersPositionWords``: "Brazilian striker Jardel"). A rank before the name is no part of
    /// it ("spokesman Major Peter Sorensen", ``rankLength(at:_:ranks:roles:)``), and after a nationality no name
    /// opens with "Royal" ("Dutch Royal Nedlloyd"). The weights had read such names of athletes as
    /// organisations or miscellany, or missed them, when the words were unknown. A particle may stand
    /// between a given name and a surname ("Hicham El Guerrouj").
    static func personsAfterCues(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isKnownWord: (UInt64) -> Bool, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var persons: [Range<Int>] = []
        let (positions, ranks, roles) = (playersPositionWords, ranks, hyphenatedRoles)
        let (manDemonyms, people) = (demonymsInMan, peopleWords)
        for p in infos.indices.dropLast() where infos[p + 1].isCapitalised {
            let cue = infos[p]
            let isPossessive = p > 0 && cue.word == possessiveWord && isPlace(infos[p - 1])
            // (A role that opens the sentence has its capital from the sentence: "Striker Vits Rimkus
            // headed", "Goalkeeper Olegs Karavajevs made"; not a title, "President Omar Hassan
            // al-Bashir", which the title's path reads.)
            let isRoleLetters = cue.flags & F.flagsOfLetters == F.flagHasLower
                || opensSentence(at: p, infos) && cue.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                    && cue.cues & cueTitle == 0 && isCommonWord(cue.word)
            let isRole = !isPossessive && isRoleLetters && personRoleWords.contains(cue.word)
            // After a nationality the name must start with a listed given name ("German Billiges
            // Kaufhaus" is a shop), or be ranked in a result ("Norwegian Lasse Kjus was second").
            // (A people's word, ``peopleWords``, such as "Norwegian", which the lists also have as a
            // surname, only before a ranked athlete; after a place's possessive a ranked athlete's words
            // need not be unknown: "Kenya 's Dionicio Ceron third", whose "Ceron" the training files have.)
            let isDemonym = [3, 4].contains(F.listPosition(cue, .demonym)) || manDemonyms.contains(cue.word)
            let isRanked = !isRole && (isPossessive || cue.isCapitalised && (isDemonym || people.contains(cue.word)))
                && isRankedAthlete(after: p, infos, isCommonWord: isCommonWord)
            let isNationality = !isPossessive && !isRole && cue.isCapitalised
                && (isDemonym && F.listPosition(infos[p + 1], .givenName) == 4 || isRanked)
            // A title with a capital ("Oil Minister Amer Mohammed Rashid"), not part of a longer one.
            let isTitle = !isPossessive && !isRole && !isNationality && cue.isCapitalised && cue.cues & cueTitle != 0
            guard isPossessive || isRole || isNationality || isTitle else { continue }
            var end = p + 1
            while end < infos.count, infos[end].isCapitalised { end += 1 }
            // (Not before a dash or a particle: "Hazim Al - Sha'lan", "Henrique Lopes de Mendonça". One
            // word only after a player's position, and not before a hyphenated word: "Brazilian striker
            // Jardel", not "Saudi goalkeeper Mohammed al-Deayea".)
            // (A rank is no part of the name: "spokesman Major Peter Sorensen", "commander
            // Major-General Victor Malu", "spokesman Lieutenant Colonel Peter Smith".)
            let rank = rankLength(at: p + 1, infos, ranks: ranks, roles: roles)
            let start = end - p - 1 - rank >= 2 ? p + 1 + rank : p + 1
            // (After a nationality, no name that opens with "Royal", a company's first word and a
            // given name too: "Dutch Royal Nedlloyd".)
            guard !isNationality || infos[start].word != royalWord,
                  (2 ... 3).contains(end - start)
                      || end - start == 1 && isRole && positions.contains(cue.word) && (end == infos.count || infos[end].flags & F.flagHasHyphen == 0),
                  end == infos.count || infos[end].word != dashWord && !nameParticles.contains(infos[end].word)
            else { continue }
            let run = start ..< end
            func isPersonsWord(_ k: Int) -> Bool {
                let info = infos[k]
                // (A surname may be a town's name too: "Brazilian Sonny Anderson".)
                let otherBits = k == run.upperBound - 1 && F.listPosition(info, .surname) == 4 ? personNameBits | listedPlaceBits : personNameBits
                guard info.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower,
                      info.gazetteer & ~otherBits == 0, info.cues == 0, info.forcedTag == 0 else { return false }
                return info.gazetteer != 0 || !isKnownWord(info.word)
                    || k > run.lowerBound && k < run.upperBound - 1 && nameParticles.contains(info.word)
            }
            // (After a title a word the training files wrote with a capital may be a name's too, once
            // another word of the run is a listed name: "Amer" of "Oil Minister Amer Mohammed Rashid".)
            func isListedName(_ k: Int) -> Bool { infos[k].gazetteer != 0 && isPersonsWord(k) }
            /// A word no list has, no cue and not forced, written with a capital and small letters.
            func isPlainUnlistedWord(_ k: Int) -> Bool {
                infos[k].gazetteer == 0 && infos[k].cues == 0 && infos[k].forcedTag == 0
                    && infos[k].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
            }
            func isTitledWord(_ k: Int) -> Bool { isPersonsWord(k) || isPlainUnlistedWord(k) && !isCommonWord(infos[k].word) }
            // (And after a title the name must end there: a common word or punctuation follows, not
            // "al-Bashir" of "President Omar Hassan al-Bashir".)
            let endsAfterTitle = end == infos.count || infos[end].flags & F.flagNoAlphanumeric != 0 || isCommonWord(infos[end].word)
            if isTitle && !endsAfterTitle { continue }
            // (A ranked athlete's words were checked by ``isRankedAthlete(after:_:isCommonWord:)``: a word
            // of the training files may be one, "Ceron".)
            // (After a player's position, a word in small letters in the casing lexicon will do too,
            // once another word of the run is a listed name: "Fast bowler Curtly Ambrose took".)
            let afterPosition = isRole && positions.contains(cue.word) && run.count >= 2
            func isPlayersWord(_ k: Int) -> Bool { isPersonsWord(k) || isPlainUnlistedWord(k) }
            if isRanked || run.allSatisfy(isPersonsWord) || isTitle && run.allSatisfy(isTitledWord) && run.contains(where: isListedName)
                || afterPosition && run.allSatisfy(isPlayersWord) && run.contains(where: isListedName) {
                persons.append(run)
            }
        }
        return persons
    }

    /// Whether the capitalised run after `p` is an athlete ranked in a result: two or three words,
    /// each a capital and small letters, no particle ("El Guerrouj" stays the model's), not forced
    /// already, that no list has but as a given name or surname and the casing lexicon does not have
    /// in small letters, then an ordinal ("third"), or "was", "finished", "came", "is" or "ended" and
    /// an ordinal, the ordinal ending the sentence or before punctuation or a word of a result
    /// (``wordsAfterAPlace``): "Norwegian Lasse Kjus was second ,", "Mexican Dionicio Ceron was
    /// second", "Italian Kristian Ghedina third .". Unknown given names after a nationality are
    /// common in sports results, where the lists' given names are mostly English. A result's verb
    /// is not enough ("Spanish Rayo Vallecano beat Barcelona", a club; "Italian Mercatone Uno won
    /// the team time trial", a team), nor an ordinal before a noun ("German Billiges Kaufhaus was
    /// last year sold").
    static func isRankedAthlete(after p: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool) -> Bool {
        typealias F = NERFeatureExtractor
        var end = p + 1
        while end < infos.count, infos[end].isCapitalised { end += 1 }
        let particles = nameParticles
        guard (2 ... 3).contains(end - p - 1), end < infos.count,
              infos[(p + 1) ..< end].allSatisfy({
                  $0.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
                      && $0.gazetteer & ~personNameBits == 0 && $0.cues == 0 && $0.forcedTag == 0
                      && !isCommonWord($0.word) && !particles.contains($0.word)
              })
        else { return false }
        let (ordinals, rankVerbs, afterPlaces) = (ordinalWords, rankingVerbs, wordsAfterAPlace)
        /// An ordinal at `k` that ends the ranking: the sentence's end, punctuation or a word of a
        /// result's margin or venue after it, not a noun ("was last year sold", "first time").
        func isPlace(_ k: Int) -> Bool {
            guard k < infos.count, ordinals.contains(infos[k].word) else { return false }
            return k + 1 == infos.count || infos[k + 1].flags & F.flagNoAlphanumeric != 0 || afterPlaces.contains(infos[k + 1].word)
        }
        return isPlace(end) || rankVerbs.contains(infos[end].word) && isPlace(end + 1)
    }
    /// The places of a result (``isRankedAthlete(after:_:isCommonWord:)``).
    private static let ordinalWords = words([
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last",
    ])
    /// The verbs before a place in a result (``isRankedAthlete(after:_:isCommonWord:)``).
    private static let rankingVerbs = words(["was", "finished", "came", "is", "ended"])
    /// The words that may follow a place in a result (``isRankedAthlete(after:_:isCommonWord:)``:
    /// "finished fourth in 2:10:55", "was second behind Kjus", "third overall").
    private static let wordsAfterAPlace = words(["in", "at", "on", "with", "behind", "overall", "and", "after", "ahead"])

    /// Players' figures in brackets after a side's total: "Pakistan 210 all out in 47.2 overs ( Ijaz
    /// Ahmed 66 , Saeed Anwar 38 ; Courtney Walsh 3-32 , Curtly Ambrose 2-29 )". In a bracket whose
    /// items, split at "," and ";", are two or more and each one to three words with a capital and
    /// small letters, then a whole number or a bowler's figures of up to five characters (not a
    /// price: "3.45"), maybe with words in small letters after it ("not out"), every item's words
    /// are a person, once one item holds a listed given name or surname and none holds an
    /// organisation's word or a place's that is no listed surname, but in a name of two or more
    /// words that opens with a given name ("( Italy 12 , Spain 10 )", a table of sides; "( Georgia
    /// 13 , Virginia 13 )", electoral votes; "( Siemens 72 , Philips 54 )", prices; "( Lara 71 ,
    /// Hooper 54 )" are batsmen). Not a forced name. The weights had read unknown players as organisations ("Shivnarine Chanderpaul 54") or,
    /// in a document, run a name into its figure.
    static func playersInFigureBrackets(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let (open, close, comma, semicolon) = (openBracketWord, closeBracketWord, commaWord, semicolonWord)
        func isPlayersFigure(_ info: NERTokenInfo) -> Bool {
            info.flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasPeriod) == F.flagHasDigit && info.length <= 5
        }
        func isNameWord(_ info: NERTokenInfo) -> Bool {
            info.flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
        }
        var players: [Range<Int>] = []
        var k = 0
        while k < infos.count {
            guard infos[k].word == open, let end = (k + 1 ..< infos.count).first(where: { infos[$0].word == close }) else {
                k += 1
                continue
            }
            var runs: [Range<Int>] = []
            var itemStart = k + 1
            var isList = true
            for s in k + 1 ... end where s == end || infos[s].word == comma || infos[s].word == semicolon {
                let item = itemStart ..< s
                itemStart = s + 1
                var w = item.lowerBound
                while w < item.upperBound, isNameWord(infos[w]) { w += 1 }
                let run = item.lowerBound ..< w
                let opensWithGivenName = run.count >= 2 && F.listPosition(infos[run.lowerBound], .givenName) == 4
                guard (1 ... 3).contains(run.count), w < item.upperBound, isPlayersFigure(infos[w]),
                      (w + 1 ..< item.upperBound).allSatisfy({ infos[$0].flags & F.flagsOfLetters == F.flagHasLower }),
                      !run.contains(where: {
                          infos[$0].gazetteer & (organizationBits | knownPlaceBits) != 0
                              || !opensWithGivenName && infos[$0].gazetteer & listedOrKnownPlaceBits != 0
                              && F.listPosition(infos[$0], .surname) != 4
                      })
                else {
                    isList = false
                    break
                }
                runs.append(run)
            }
            k = end + 1
            guard isList, runs.count >= 2,
                  runs.contains(where: { $0.contains { infos[$0].gazetteer & personNameBits != 0 } })
            else { continue }
            players += runs.filter { !$0.contains { infos[$0].forcedTag != 0 } }
        }
        return players
    }

    /// The organisations named right after what they are, in small letters: "engineering group Vosper
    /// Thornycroft", "electronics maker Sanyo Electric", "retailer Kingfisher", "the Moscow newspaper
    /// Segodnya", "bank Generale de Banque" (``companyDescriptorWords``). The name is the capitalised
    /// run after the word, up to an "on" ("Acme on Monday"), at most five words. The word may also be
    /// a business after a sector's word (``sectorHeadWords``: "computer firm Optimus", "cable maker
    /// Elektrim") or, opening the sentence with a capital, one of ``openingDescriptorWords`` ("Brewer
    /// Okocim was the most actively traded"). Left to the model
    /// when the run holds "and" or a dash ("drugmaker Sandoz and Ciba-Geigy", two companies) or a
    /// connector other than a name's particle ("group ICI of Britain", "newspaper Izvestia 's Moscow
    /// correspondent"); starts with a title before a person's name or a listed given name or surname
    /// ("group Chairman Peter Usher", "the bank Governor Stals"; "firm Executive Outcomes" is a name),
    /// a day or a month ("The bank Aug. 5 raised"), "I" or a listed given name ("manufacturer Georg Reichenbach", a person); is one
    /// letter ("group B"), one word the casing lexicon has in small letters before a word
    /// (`isCommonWord`: "the company Web site"; "company Keyhole ," is a name) or one listed surname
    /// that is no listed organisation ("the company Smith founded"); has only places' or
    /// nationalities' words ("the unit Israeli troops"); holds a forced name; or has a legal suffix or
    /// a company's head word one or two words after it ("Bergesen d.y. ASA"). The weights had read
    /// such names as persons when their words were unknown.
    static func organizationsAfterDescriptors(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var organizations: [Range<Int>] = []
        let (descriptors, sectors, sectorHeads, openers) = (companyDescriptorWords, businessSectorWords, sectorHeadWords, openingDescriptorWords)
        for p in infos.indices.dropLast() where infos[p + 1].isCapitalised {
            let flags = infos[p].flags & F.flagsOfLetters
            guard flags == F.flagHasLower
                ? descriptors.contains(infos[p].word)
                    || p > 0 && infos[p - 1].flags & F.flagsOfLetters == F.flagHasLower && sectorHeads.contains(infos[p].word)
                    && sectors.contains(infos[p - 1].word)
                : p == 0 && flags == F.flagInitialUpper | F.flagHasLower && openers.contains(infos[p].word)
            else { continue }
            // The capitalised run from p + 1, as ``NERFeatureExtractor/capitalisedRuns(_:)`` joins it
            // (and ``innerNameParticles``: "Companhia Vale do Rio Doce"), stopping at "on" and soon
            // after five words.
            var end = p + 2
            while end < n, end - p <= 6 {
                if infos[end].isCapitalised { end += 1; continue }
                if infos[end].word != onWord, end + 1 < n, infos[end + 1].isCapitalised,
                   F.runConnectors.contains(infos[end].word) || innerNameParticles.contains(infos[end].word) {
                    end += 2
                    continue
                }
                break
            }
            let name = p + 1 ..< end
            let first = infos[p + 1]
            let suffixFollows = (end ..< min(end + 2, n)).contains {
                infos[$0].cues & cueLegalSuffix != 0 || infos[$0].newswireWord & (abbreviatedLegalSuffix | companyHeadWord) != 0
            }
            let hasJoiner = name.contains {
                infos[$0].word == dashWord || F.runConnectors.contains(infos[$0].word) && !nameParticleConnectors.contains(infos[$0].word)
            }
            guard (1 ... 5).contains(name.count), !suffixFollows, !hasJoiner,
                  !name.contains(where: { infos[$0].forcedTag != 0 }),
                  first.cues & cueTitle == 0
                      || name.count >= 2 && infos[p + 2].gazetteer & personNameBits == 0 && !isPersonLike(p + 2 ..< p + 4, infos),
                  !calendarWords.contains(first.word), first.word != pronounIWord,
                  F.listPosition(first, .givenName) == 0,
                  name.count > 1 || first.length >= 2 && (!isCommonWord(first.word) || end == n || infos[end].flags & F.flagsOfLetters == 0)
                      && (first.gazetteer & personNameBits == 0 || F.listPosition(first, .organization) == 4),
                  !name.allSatisfy({ isOnlyAPlacesWord(infos[$0]) || F.listPosition(infos[$0], .demonym) != 0 })
            else { continue }
            organizations.append(name)
        }
        return organizations
    }

    /// The connectors of a capitalised run that may stand inside an organisation's name after its
    /// descriptor ("Generale de Banque", "Corriere della Sera" is no run: "della" is not one), and
    /// ``innerNameParticles``.
    static let nameParticleConnectors = words(["de", "du", "des", "la", "le", "del", "da", "von", "van", "der", "den"])
        .union(innerNameParticles)

    /// Whether a word is in a place's name, known or listed, and in no organisation's.
    static func isOnlyAPlacesWord(_ info: NERTokenInfo) -> Bool {
        info.gazetteer & listedOrKnownPlaceBits != 0 && info.gazetteer & organizationBits == 0
    }

    /// Words in small letters that newswire writes right before a company's or another organisation's
    /// name, saying what it is. Not "maker" ("policy maker"), "carrier" ("aircraft carrier"), nor
    /// words that are adjectives too ("daily", "weekly", "giant", "firm": "firm Treasury bonds") or
    /// said of persons ("partner", "producer", "publisher").
    static let companyDescriptorWords = words([
        "company", "group", "conglomerate", "bank", "lender", "insurer", "reinsurer", "broker", "brokers",
        "stockbroker", "stockbrokers", "brokerage",
        "retailer", "brewer", "miner", "refiner", "airline", "utility", "manufacturer", "carmaker", "automaker",
        "drugmaker", "chipmaker", "steelmaker", "planemaker", "toymaker", "subsidiary", "affiliate", "unit",
        "newspaper", "magazine", "broadcaster", "agency", "regulator", "watchdog", "carrier", "union",
    ])
    /// Words for a business that name one after a sector's word in small letters: "computer firm
    /// Optimus", "security firm Executive Outcomes", "cable maker Elektrim", "copper producer Codelco",
    /// "brokerage house Nomura", "electronics arm Thomson Multimedia", "the marketing board Caistab"
    /// (``businessSectorWords``; not "policy maker", "film producer").
    static let sectorHeadWords = words(["firm", "firms", "maker", "makers", "concern", "producer", "house", "arm", "board"])
    /// The sectors' words of ``sectorHeadWords``.
    static let businessSectorWords = words([
        "computer", "computers", "software", "security", "law", "brokerage", "marketing", "wheat", "grain", "cotton", "wool", "investment", "engineering", "consulting",
        "consultancy", "research", "trading", "accounting", "construction", "mining", "oil", "gas", "shipping", "cable",
        "telecommunications", "telecoms", "chemicals", "chemical", "food", "property", "advertising", "auditing", "insurance",
        "transport", "textile", "textiles", "pharmaceutical", "pharmaceuticals", "energy", "finance", "financial",
        "holding", "electronics", "publishing", "tobacco", "steel", "car", "truck", "aircraft", "tyre", "tire", "glass",
        "paper", "cement", "toy", "shoe", "clothing", "furniture", "appliance", "chip", "drug", "drugs", "beer", "cigarette",
        "watch", "camera", "semiconductor", "equipment", "machinery", "defence", "defense", "arms", "leasing", "travel",
        "catering", "courier", "logistics", "freight", "packaging", "printing", "media", "retail", "wholesale", "diamond",
        "gold", "copper", "coal", "power", "water", "aluminium", "aluminum", "nickel", "zinc", "platinum", "sugar", "cocoa",
        "coffee", "rubber", "timber", "fertiliser", "fertilizer", "engine", "vehicle", "motorcycle", "bus", "tractor",
        "satellite", "phone", "telephone", "components", "parts", "biotechnology", "biotech", "healthcare", "hotel",
        "hotels", "airline", "airlines", "bank", "banking", "securities", "stockbroking", "fund", "management",
        "systems", "heating", "medical", "electrical", "industrial", "household", "office", "sportswear", "footwear",
        "jewellery", "jewelry", "cosmetics", "battery", "lighting", "networking", "dairy", "poultry", "beverage", "drinks",
    ])
    /// Words for a business that open a sentence before its name: "Brewer Okocim was the most actively
    /// traded", "Retailer Kingfisher said" (not "Bank", "Group" or "Company", which open names).
    static let openingDescriptorWords = words([
        "retailer", "brewer", "miner", "refiner", "insurer", "reinsurer", "lender", "broker", "brokerage", "stockbroker",
        "conglomerate", "carmaker", "automaker", "drugmaker", "chipmaker", "steelmaker", "planemaker", "toymaker",
        "broadcaster", "manufacturer",
    ])
    /// The days and months, in full and abbreviated, whose names follow such words in "the company
    /// Monday said", "The bank Aug. 5 raised".
    static let calendarWords = words(
        dayAndMonthNames + ["jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."]
    )
    /// The days and months in small letters; the engine's cue recogniser reads the same words
    /// (``CueBasedNameRecognizer``).
    static let dayAndMonthNames = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    /// ``NERTokenInfo/word`` of "I".
    static let pronounIWord = NERFeatureExtractor.wordHash("I")

    /// Sporting events named after a place or a nationality: "the U.S. Open", "the Australian Open",
    /// "the Atlanta Olympics", "the New York Marathon", "the Commonwealth Games" (CoNLL's miscellany). A
    /// capitalised run of one to three words, each a place's or a nationality's (or one of
    /// ``eventQualifiers``: "U.S.", "Asian", "Winter" …), then "Open", "Olympics", "Marathon" or
    /// "Games", at the run's end or before a "-", "'s", "and", "&" or "on" (``roundUpSeparators``),
    /// after a "The" that starts the run ("The Sydney Olympics will …"). The weights had tagged the
    /// place and left the event word out ("U.S." a place), or read the whole as an organisation.
    static func eventsNamedAfterPlaces(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var events: [Range<Int>] = []
        F.forEachCapitalisedRun(infos) { whole in
            // (Up to a connector that only joins words around the name: "the U.S. Open on Tuesday".)
            let end = whole.first(where: { roundUpSeparators.contains(infos[$0].word) }) ?? whole.upperBound
            let start = infos[whole.lowerBound].word == theWord ? whole.lowerBound + 1 : whole.lowerBound
            guard start < end else { return }
            let run = start ..< end
            guard (2 ... 4).contains(run.count), let last = run.last, eventWords.contains(infos[last].word),
                  infos[last].flags & F.flagsOfLetters == F.flagInitialUpper | F.flagHasLower,
                  run.dropLast().allSatisfy({
                      infos[$0].gazetteer & (listedOrKnownPlaceBits | demonymBits) != 0 || eventQualifiers.contains(infos[$0].word)
                  })
            else { return }
            events.append(run)
        }
        return events
    }

    /// The last words of ``eventsNamedAfterPlaces(_:)``.
    private static let eventWords = words(["Open", "Olympics", "Marathon", "Games"])
    /// Words that name such events with no place's or nationality's entry of their own: "U.S.", which
    /// the gazetteer does not match as a token of its own, and regions' adjectives ("the Asian Games",
    /// "the Winter Olympics").
    private static let eventQualifiers = words([
        "U.S.", "Asian", "African", "European", "Arab", "Pan", "Mediterranean", "Winter", "Summer", "Goodwill",
    ])
    /// Bits of a nationality's name (``NERGazetteerType/demonym``).
    static let demonymBits = typeBits([.demonym])

    /// A one-word organisation of the name lists that starts a sentence, maybe after "The", before a
    /// word in small letters ("Feyenoord sacked coach Arie Haan", "Galatasaray beat Fenerbahce",
    /// "The Knesset approved the accord", "The Fed left rates unchanged"): no other list has the word
    /// and no rule forced it; without "The" the casing lexicon must not have it in small letters
    /// (`isCommonWord`: "Apple trees bloom"), and after "The" the next word must be no connector ("The
    /// Liberation of Paris"). The weights had left such subjects out.
    static func listedOrganizationStartingASentence(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> Range<Int>? {
        typealias F = NERFeatureExtractor
        let afterThe = infos.count >= 3 && infos[0].word == theWord && infos[0].isCapitalised
        let k = afterThe ? 1 : 0
        guard infos.count >= k + 2, F.listPosition(infos[k], .organization) == 4,
              infos[k].gazetteer & ~typeBits([.organization]) == 0, infos[k].forcedTag == 0,
              infos[k].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower,
              infos[k + 1].flags & F.flagsOfLetters == F.flagHasLower,
              afterThe ? !F.runConnectors.contains(infos[k + 1].word) : !isCommonWord(infos[k].word),
              !ambiguousOrganizationWords.contains(infos[k].word)
        else { return nil }
        return k ..< k + 1
    }

    /// Acronyms the name lists have as an organisation and as nothing else, standing alone (no
    /// capitalised word or joining connector next to them) and not forced: "BT , which already owns
    /// 20 percent of MCI", "BT chairman Iain Vallance"; not before its legal suffix ("CBS , Inc.").
    /// Two to five capitals only; not in a sentence in capitals (the decoder asks only outside
    /// them). The weights had read "BT" as a place, as they read "UK".
    static func listedAcronyms(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        var acronyms: [Range<Int>] = []
        let notAcronym = F.flagHasLower | F.flagHasDigit | F.flagHasHyphen | F.flagHasPeriod | F.flagNoAlphanumeric | F.flagNonASCII
        for k in infos.indices where infos[k].flags & F.flagAllUpper != 0 && infos[k].flags & notAcronym == 0 {
            let info = infos[k]
            guard (2 ... 5).contains(info.length), F.listPosition(info, .organization) == 4,
                  info.gazetteer & ~typeBits([.organization]) == 0, info.forcedTag == 0,
                  k == 0 || !infos[k - 1].isCapitalised && !(k > 1 && infos[k - 2].isCapitalised && F.runConnectors.contains(infos[k - 1].word)),
                  k + 1 == n || !infos[k + 1].isCapitalised && !(k + 2 < n && infos[k + 2].isCapitalised && F.runConnectors.contains(infos[k + 1].word)),
                  // (Nor before its legal suffix: "CBS , Inc.".)
                  !(k + 1 ..< min(k + 3, n)).contains(where: { isLegalSuffix(infos[$0]) })
            else { continue }
            acronyms.append(k ..< k + 1)
        }
        return acronyms
    }

    /// The one-word listed organisations that news mostly uses for something else (the engine's
    /// ``ListedOrganizationRecognizer/ambiguousNames``: "The Amazon rainforest", "The Patriots").
    static let ambiguousOrganizationWords = NERWordSet(
        ListedOrganizationRecognizer.ambiguousNames.map(NERFeatureExtractor.wordHash)
    )

    /// The players' positions among ``personRoleWords``, after which one word is a person's name
    /// (``personsAfterCues(_:isKnownWord:isCommonWord:)``: "Brazilian striker Jardel").
    private static let playersPositionWords = words([
        "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "forward", "playmaker", "batsman",
        "bowler", "spinner", "wicketkeeper", "all-rounder", "quarterback", "pitcher",
    ])

    /// Persons' roles in small letters that newswire writes right before a name.
    static let personRoleWords = words(
        [
            "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "keeper", "captain", "skipper",
            "champion", "international", "batsman", "bowler", "spinner", "opener", "wicketkeeper", "all-rounder",
            "seed", "winner", "finalist", "runner-up", "player", "forward", "guard", "centre", "quarterback",
            "pitcher", "outfielder", "rider", "driver", "skier", "cyclist", "runner", "sprinter", "boxer",
            "golfer", "jockey", "referee", "umpire", "compatriot", "team-mate", "teammate", "veteran",
            "newcomer", "substitute", "holder", "titleholder", "challenger", "leader", "chairman", "president",
            "minister", "secretary", "ambassador", "envoy", "negotiator", "commander", "diplomat", "premier",
            "chancellor", "governor", "mayor", "senator", "dissident", "lawyer", "attorney", "judge",
            "prosecutor", "novelist", "author", "writer", "actor", "actress", "singer", "director", "poet",
        ]
    )

    /// Korean names and older romanisations of Chinese ones: a listed surname and a hyphenated given
    /// name with small letters after the hyphen ("Kim Young-sam", "Roh Tae-woo", "Chiang Kai-shek",
    /// "Hwang Jang-yop"). The weights had kept the surname alone or dropped the name.
    static func hyphenatedGivenNames(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        var names: [Range<Int>] = []
        var i = 0
        while i + 1 < infos.count {
            defer { i += 1 }
            let given = infos[i + 1]
            // (Not a place's compound, "New York-based", "Hong Kong-born", nor inside a longer name,
            // "Kim Il-sung University".)
            guard given.shortShape == hyphenatedGivenNameShape, given.length <= 12,
                  infos[i].flags & NERFeatureExtractor.flagInitialUpper != 0,
                  NERFeatureExtractor.listPosition(infos[i], .surname) == 4,
                  !placeCompoundEndings.contains(given.suffixes[3]), !placeCompoundEndings.contains(given.suffixes[2]),
                  i + 2 == infos.count || !infos[i + 2].isCapitalised
            else { continue }
            names.append(i ..< i + 2)
            i += 1
        }
        return names
    }

    /// Persons' names with two particles in small letters between the given name and the surname
    /// ("Hans van den Broek", "Edwin van der Sar", "Maria de los Angeles Moreno"), which no capitalised
    /// run holds whole: a listed given name (before "van" or "von" also a surname: "Klaus"), two
    /// particles ("van der", "de la", "von der" …) and a word with a capital and small letters,
    /// maybe a second that heads no organisation ("… Foundation"), and no capitalised word after
    /// them; or a surname that starts with "Van" or "Von" written with a capital ("Van der Sar
    /// said"). The weights had cut such names in two or kept only the given name.
    static func namesWithParticles(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        func isNameWord(_ k: Int) -> Bool {
            k < infos.count && infos[k].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower
        }
        var names: [Range<Int>] = []
        var i = 0
        while i + 2 < infos.count {
            defer { i += 1 }
            // A particle in small letters follows the first word (most tokens stop here).
            guard infos[i + 1].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagHasLower, isNameWord(i) else { continue }
            var particles = i + 1
            if capitalParticles.contains(infos[i].word) {
                // "Van der Sar": the particle starts the surname.
                guard i == 0 || !infos[i - 1].isCapitalised, secondParticles.contains(infos[i + 1].word) else { continue }
                particles = i + 2
            } else {
                // A Dutch or German name may start with a word listed only as a surname ("Klaus");
                // a Spanish one needs a given name ("Plaza de las Victorias" is a square).
                let dutch = capitalParticles.contains(infos[i + 1].word)
                let named = F.listPosition(infos[i], .givenName) != 0
                    || dutch && F.listPosition(infos[i], .surname) != 0
                guard named, infos[i].gazetteer & knownPlaceBits == 0, i + 3 < infos.count,
                      firstParticles.contains(infos[i + 1].word), secondParticles.contains(infos[i + 2].word)
                else { continue }
                particles = i + 3
            }
            guard isNameWord(particles) else { continue }
            var end = particles + 1
            if isNameWord(end), infos[end].cues & cueOrgHead == 0 { end += 1 }
            let name = i ..< end
            guard !name.contains(where: { infos[$0].forcedTag != 0 }), end == infos.count || !infos[end].isCapitalised
            else { continue }
            names.append(name)
            i = end - 1
        }
        return names
    }

    /// Companies named with their legal suffix: a capitalised run of two to five words that ends in
    /// an abbreviated legal suffix (``abbreviatedLegalSuffix``: "Co", "Corp", "Ltd", "SA", "NV", "AG"
    /// …; not "Company" or "Corporation", words of many names, nor the cue list's rarer ones such
    /// as "GP" or "KY") is one organisation: "Rhone-Poulenc SA", "Koninklijke Ahold NV", "General
    /// Motors Corp" (whose "General" the weights took for a title). A few last words of companies'
    /// names that the cue list lacks count as a suffix (``companyHeadWord``: "Sun Hung Kai
    /// Properties", "Cathay Pacific Airways", "Singapore Airlines"). Common words before an "of" are
    /// no part of it ("Shares of Hyundai Motor Co", "Value of Bechtel Corp"; `isCommonWord`; not
    /// "Bank of New York Co", whose "Bank" heads organisations), nor is a person before an "of" ("Dan
    /// Basse of AgResource Co": ``isPersonOfSomething(_:_:)``), and two joined by a connector are two
    /// ("Unilever Plc and Unilever NV"; "ENA and Ispat Mexicana S.A.", after an acronym). A bond
    /// issue's party opening the line is no part of it ("Borrower Hoechst Finance BV",
    /// ``bondPartyWords``). Left to the model: a run with "'s", an initial ("David T. Metcalfe Cullen and Dykman LLP", a signature),
    /// "and" or "&" before the suffix ("Peters and Co."), a place and its legal suffix ("Reno NV",
    /// "Las Vegas NV": every word before the suffix a place's), or a forced name.
    static func companiesWithLegalSuffix(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, isCommonWord: (UInt64) -> Bool
    ) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        func isSuffix(_ info: NERTokenInfo) -> Bool { info.newswireWord & (abbreviatedLegalSuffix | companyHeadWord) != 0 }
        guard infos.contains(where: isSuffix) else { return [] }
        var companies: [Range<Int>] = []
        /// The company that `run` names, if it is one.
        func company(_ run: Range<Int>) -> Range<Int>? {
            guard let last = run.last, isSuffix(infos[last]) else { return nil }
            var name = run
            if let of = run.last(where: { infos[$0].word == ofWord }),
               (run.lowerBound ..< of).allSatisfy({
                   isCommonWord(infos[$0].word) && infos[$0].gazetteer == 0 && infos[$0].cues == 0
               })
            {
                name = of + 1 ..< run.upperBound
            } else if let of = run.first(where: { infos[$0].word == ofWord }), of > run.lowerBound,
                      isPersonOfSomething(run.lowerBound ..< of, infos)
            {
                name = of + 1 ..< run.upperBound  // (A person of the company: "Dan Basse of AgResource Co".)
            }
            // (A bond issue's party in its terms opens the line: "Borrower Hoechst Finance BV".)
            if name.lowerBound == 0, name.count >= 3, bondPartyWords.contains(infos[0].word) { name = name.dropFirst() }
            guard (2 ... 5).contains(name.count) else { return nil }
            let beforeSuffix = infos[last - 1]
            // A place and a legal suffix is a place's ("Las Vegas NV"); a place and a company's head
            // word is a company ("Singapore Airlines", "Hong Kong Telecom").
            let placeAndSuffix = infos[last].newswireWord & abbreviatedLegalSuffix != 0
                && name.dropLast().allSatisfy({ infos[$0].gazetteer & listedOrKnownPlaceBits != 0 })
            guard beforeSuffix.word != andWord, beforeSuffix.word != ampersandWord, !placeAndSuffix,
                  !name.contains(where: { infos[$0].word == possessiveWord || isInitial(infos[$0]) }),
                  !name.contains(where: { infos[$0].forcedTag != 0 }) else { return nil }
            return name
        }
        F.forEachCapitalisedRun(infos) { run in
            // Two companies joined by "and" ("Unilever Plc and Unilever NV") are two; an acronym
            // before "and" is a name of its own ("ENA and Ispat Mexicana S.A."; "&" joins one name:
            // "CBL & Associates Properties").
            var start = run.lowerBound
            for k in run where k + 1 < run.upperBound && F.runConnectors.contains(infos[k + 1].word) {
                if isSuffix(infos[k]) {
                    if let name = company(start ..< k + 1) { companies.append(name) }
                    start = k + 2
                } else if infos[k].flags & (F.flagAllUpper | F.flagHasLower) == F.flagAllUpper, infos[k].length >= 2,
                          infos[k + 1].word == andWord
                {
                    start = k + 2
                }
            }
            if start < run.upperBound, let name = company(start ..< run.upperBound) { companies.append(name) }
        }
        return companies
    }

    /// Whether a token is a person's initial ("T.").
    private static func isInitial(_ info: NERTokenInfo) -> Bool {
        info.length == 2 && info.flags & NERFeatureExtractor.flagHasPeriod != 0
    }

    /// Whether a token is a figure: digits and no letters ("21", "1,290", "-2.00", "3-27", "1:40.862").
    @inline(__always) static func isFigure(_ info: NERTokenInfo) -> Bool {
        info.flags & (NERFeatureExtractor.flagHasDigit | NERFeatureExtractor.flagsOfLetters) == NERFeatureExtractor.flagHasDigit
    }

    /// Whether a word is in the name of a place or an organisation the knowledge base has, or in a
    /// listed place's name without being a listed given name or surname ("Berlin" and "Derby" are;
    /// "Rodney", "Wayne" and "Alexandria", places and given names, are not).
    static func isPlace(_ info: NERTokenInfo) -> Bool {
        let hits = info.gazetteer
        return hits & knownPlaceBits != 0 || hits & listedPlaceBits != 0 && hits & personNameBits == 0
    }
    static let knownPlaceBits = typeBits([.location, .organization])
    private static let listedPlaceBits = typeBits([.place])
    /// Bits of a listed given name or surname, and of a listed surname (``NERTokenInfo/gazetteer``).
    static let personNameBits = typeBits([.givenName, .surname])
    static let surnameBits = typeBits([.surname])
    /// Bits of any place or organisation type, listed or known ("Leeds", "Manchester United").
    static let placeOrOrganizationBits = typeBits([.place, .location, .organization])
    /// Bits of a listed or known place ("Bologna", "Sporting Gijon"), not an organisation.
    static let listedOrKnownPlaceBits = typeBits([.place, .location])
    /// Bits of the knowledge base's and the name lists' organisations.
    static let organizationBits = typeBits([.organization])
    /// Bits of the knowledge base's persons.
    static let knownPersonBits = typeBits([.person])
    /// Bits of the knowledge base's locations (countries, cities, regions).
    static let knownLocationBits = typeBits([.location])

    /// The words of `run` after its last "-" or "'s" ("SQUASH - Jansher Khan", "Sweden 's Stefan
    /// Edberg", "Japan - Kazuyoshi Miura"): the player after the team or topic.
    private static func afterLastSeparator(_ run: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Range<Int> {
        let start = run.last(where: { teamSeparators.contains(infos[$0].word) }).map { $0 + 1 } ?? run.lowerBound
        return start ..< run.upperBound
    }

    /// The bits of ``NERTokenInfo/gazetteer`` that hold `types`.
    private static func typeBits(_ types: [NERGazetteerType]) -> UInt32 {
        types.reduce(0) { $0 | 7 << (3 * UInt32($1.rawValue)) }
    }

    /// The word hashes (``NERTokenInfo/word``) of `list`.
    static func words(_ list: [String]) -> NERWordSet { NERWordSet(list.map(NERFeatureExtractor.wordHash)) }

    /// Names of one or more words, each as the hash of its words' hashes (``runHash(_:_:)``).
    static func names(_ list: [String]) -> NERWordSet {
        NERWordSet(list.map { name in
            name.split(separator: " ").reduce(NERFeatureExtractor.fnvOffset) {
                NERFeatureExtractor.mix($0 ^ NERFeatureExtractor.wordHash(String($1)))
            }
        })
    }

    /// The hash of the words of `run`, to look it up among ``names(_:)``.
    static func runHash(_ run: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> UInt64 {
        run.reduce(NERFeatureExtractor.fnvOffset) { NERFeatureExtractor.mix($0 ^ infos[$1].word) }
    }

    /// Whether every word of `run` is in the name of a place or an organisation the knowledge base has
    /// ("Japan", "Manchester United": a table's entry, not a player).
    private static func isKnownPlaceOrOrganization(
        _ run: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>
    ) -> Bool {
        run.allSatisfy { infos[$0].gazetteer & knownPlaceBits != 0 }
    }

    /// Kinds of words the newswire rules look for (``NERTokenInfo/newswireWord``): a verb that reports
    /// a match's result, a team's player or staff named after the team ("Glamorgan captain Matthew
    /// Maynard"), a word of a cricket match's margin ("by an innings", "by five wickets"), "versus"
    /// ("Leicestershire v Somerset").
    static let resultVerb: UInt8 = 1 << 0, playerRole: UInt8 = 1 << 1
    static let cricketMargin: UInt8 = 1 << 2, versusWord: UInt8 = 1 << 3
    /// A word of a match's result other than a result verb ("win", "victory", "won", "held").
    static let resultWord: UInt8 = 1 << 4
    /// An abbreviated legal suffix, with or without its period (``companiesWithLegalSuffix(_:isCommonWord:)``:
    /// the common ones only; "SpA" is left out, as it is also the town "Spa").
    static let abbreviatedLegalSuffix: UInt8 = 1 << 5
    /// A word of elections, whose tallies look like scores ("primary", "voters", "electoral").
    static let electionWord: UInt8 = 1 << 6
    /// The last word of many companies' names that the cue list lacks ("Airways", "Properties"):
    /// ``companiesWithLegalSuffix(_:isCommonWord:)`` reads it as it reads a legal suffix.
    static let companyHeadWord: UInt8 = 1 << 7

    /// The words the newswire rules look for and their kinds, looked up with the cues (one table
    /// lookup per token).
    static let newswireWords: [(String, UInt8)] = [
        "beat", "beats", "beating", "defeated", "defeats", "defeating", "drew", "draw", "draws", "drawing", "lost",
        "lose", "loses", "losing", "thrashed", "crushed", "routed", "edged", "overcame", "trounced", "outclassed",
    ].map { ($0, resultVerb) } + [
        "captain", "skipper", "coach", "manager", "striker", "goalkeeper", "keeper", "midfielder", "defender", "winger",
        "forward", "playmaker", "batsman", "bowler", "all-rounder", "wicketkeeper", "opener", "quarterback", "pitcher",
        "outfielder", "shortstop", "linebacker", "owner", "boss",
    ].map { ($0, playerRole) } + ["innings", "wickets", "wicket"].map { ($0, cricketMargin) }
        + ["v", "v.", "vs", "vs.", "versus"].map { ($0, versusWord) }
        + [
            "win", "wins", "victory", "victories", "defeat", "triumph", "won", "held", "thrashing", "drubbing", "rout",
        ].map { ($0, resultWord) }
        + [
            "Co", "Co.", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "Plc", "LLC", "AG", "SA", "S.A.", "NV", "N.V.", "BV",
            "GmbH", "Pty", "Bhd", "Oy", "Oyj", "AB", "ASA", "A/S", "SpA", "S.p.A.", "Srl", "KK", "NL", "Ltda", "Berhad",
            "Tbk",
        ].map { ($0, abbreviatedLegalSuffix) }
        + [
            "Properties", "Airways", "Airlines", "Motors", "Electronics", "Telecom", "Petroleum", "Chemicals",
            "Pharmaceuticals", "Securities", "Breweries", "Shipping",
        ].map { ($0, companyHeadWord) }
        + [
            "election", "elections", "electoral", "primary", "primaries", "poll", "polls", "ballot", "voters", "vote",
            "votes", "delegates", "candidate", "presidential", "Republican", "Democrat", "Democratic", "Senate",
        ].map { ($0, electionWord) }

    /// The players of a team's line-up: in a sentence with three or more shirt numbers each followed
    /// by a dash and a capitalised run ("Japan : 1 - Kenichi Shimokawa , 2 - Hiroshige Yanagimoto ,
    /// 3 - Naoki Soma …"), each such run is a person, unless each of its words is in a place's or an
    /// organisation's name the knowledge base has ("1 - Japan , 2 - Syria" is a table; "Yasuto Honda"
    /// is a player). A run ends before a figure; a word in small letters with a hyphen right after it
    /// is part of the name ("Nihad al-Boushi").
    static func lineupPlayers(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        func isShirtNumber(_ k: Int) -> Bool {
            infos[k].flags & (F.flagHasDigit | F.flagsOfLetters | F.flagHasHyphen | F.flagHasPeriod) == F.flagHasDigit
                && infos[k].length <= 2
        }
        let numbered = (0 ..< max(0, infos.count - 2)).filter {
            isShirtNumber($0) && infos[$0 + 1].word == dashWord && infos[$0 + 2].isCapitalised
        }
        guard numbered.count >= 3 else { return [] }
        let runs = F.capitalisedRuns(infos)
        return numbered.compactMap { k in
            guard var run = runs.first(where: { $0.lowerBound == k + 2 }) else { return nil }
            while let last = run.last, F.runConnectors.contains(infos[last].word) { run = run.dropLast() }
            if run.upperBound < infos.count, !infos[run.upperBound].isCapitalised,
               infos[run.upperBound].flags & (F.flagHasHyphen | F.flagHasLower) == F.flagHasHyphen | F.flagHasLower,
               infos[run.upperBound].length >= 4
            {
                run = run.lowerBound ..< run.upperBound + 1
            }
            guard !run.isEmpty, !isKnownPlaceOrOrganization(run, infos) else { return nil }
            return run
        }
    }

    /// The players of a team's line-up written without shirt numbers: the team's name (one to four
    /// capitalised words) and a colon, then seven or more items separated by commas and semicolons,
    /// each one to three words with a capital and small letters (a hyphen allowed) and nothing else,
    /// maybe a full stop at the end: "Rosenborg : Jorn Jamtfall ; Vegard Heggem , Bjorn Otto
    /// Bragstad , Erik Hoftun , Roar Strand , Bent Skammelsrud …". Once half the items hold a listed
    /// given name or surname and half are two words or more, every item is a person, unless each of
    /// its words is in a place's or an organisation's name the knowledge base has, or it is one word
    /// that the lists have as a place ("Venues : Preston , Bolton , Chester …" is no line-up). The weights had missed players whose names are
    /// English words ("Roar Strand", "Bent Skammelsrud").
    static func lineupWithoutNumbers(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        var n = infos.count
        if n > 0, infos[n - 1].word == periodWord { n -= 1 }
        guard n >= 16, let colon = (1 ..< 5).first(where: { infos[$0].word == colonWord }),
              (0 ..< colon).allSatisfy({ infos[$0].isCapitalised })
        else { return [] }
        let (comma, semicolon) = (commaWord, semicolonWord)
        var items: [Range<Int>] = []
        var start = colon + 1
        for k in colon + 1 ... n where k == n || infos[k].word == comma || infos[k].word == semicolon {
            let item = start ..< k
            guard (1 ... 3).contains(item.count), item.allSatisfy({
                infos[$0].flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasPeriod) == F.flagInitialUpper | F.flagHasLower
            }) else { return [] }
            items.append(item)
            start = k + 1
        }
        let named = items.filter { $0.contains { infos[$0].gazetteer & personNameBits != 0 } }.count
        let full = items.filter { $0.count >= 2 }.count
        guard items.count >= 7, 2 * named >= items.count, 2 * full >= items.count else { return [] }
        return items.filter {
            !isKnownPlaceOrOrganization($0, infos) && !($0.count == 1 && infos[$0.lowerBound].gazetteer & listedOrKnownPlaceBits != 0)
        }
    }

    /// The goal scorers of a scorers line: in a sentence that starts "Scorers :" (or "Scorer :",
    /// "Goalscorers :"), each capitalised run followed by the minute, in brackets or not ("Scorers :
    /// Ronaldo ( 12th minute ) , Suker ( 60th )", "Scorer : Bergkamp 34"; after its team and a dash:
    /// "Japan - Kazuyoshi Miura ( 60th )"), is a person, unless every word of it is in a place's or
    /// organisation's name the knowledge base has. A rugby match's scoring lines ("Tries : Australia -
    /// Ben Tune 2 , David Campese", "Penalties : …", or the side first: "South Africa - Tries :
    /// Joubert , Kruger ; Conversion : Stransky ; Dropped goal : Stransky") name players without
    /// minutes.
    static func scorers(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        guard n >= 3 else { return [] }
        // The label that opens the list: first ("Scorers :", "Tries :"), or after the side's name and
        // a dash ("South Africa - Tries : Joubert , Kruger ; Conversion : Stransky").
        let label: Int
        if infos[1].word == colonWord, scorersWords.contains(infos[0].word) || rugbyScoringWords.contains(infos[0].word) {
            label = 0
        } else if let dash = (1 ..< min(n - 2, 5)).first(where: { infos[$0].word == dashWord }),
                  (0 ..< dash).allSatisfy({ infos[$0].isCapitalised }),
                  rugbyScoringWords.contains(infos[dash + 1].word), infos[dash + 2].word == colonWord
        {
            label = dash + 1
        } else if let team = teamOfScorersLine(infos) {
            label = team.upperBound - 2  // (The dash stands where a label's colon would: scorers follow it.)
        } else {
            return []
        }
        // A rugby line counts its tries only when a player scored more than one ("Ben Tune 2 ,
        // David Campese"); it names each side before a dash ("Tries : Australia - Ben Tune"), so a
        // line without one ("Penalty : Smith Jones") is no rugby line.
        let needsMinute = !rugbyScoringWords.contains(infos[label].word)
        guard needsMinute || infos.contains(where: { $0.word == dashWord }) else { return [] }
        /// "( 12th", "( 60th minute", or a bare "34".
        func isMinute(_ k: Int) -> Bool {
            guard k < n else { return false }
            if infos[k].word == openBracketWord {
                return k + 1 < n && infos[k + 1].flags & F.flagHasDigit != 0
            }
            let figure = infos[k].flags & (F.flagHasDigit | F.flagsOfLetters | F.flagNoAlphanumeric) == F.flagHasDigit
            return figure && infos[k].length <= 3
        }
        return F.capitalisedRuns(infos).compactMap { run in
            // The scorer follows the team's name and a dash ("Japan - Kazuyoshi Miura ( 60th )"); the
            // labels of a rugby line's later lists are none ("; Conversion : Stransky", "Dropped goal :").
            let scorer = afterLastSeparator(run, infos)
            guard scorer.lowerBound >= label + 2, !scorer.isEmpty, !needsMinute || isMinute(scorer.upperBound),
                  scorer.upperBound == n || infos[scorer.upperBound].word != colonWord,
                  !scorer.allSatisfy({ rugbyLabelWords.contains(infos[$0].word) }),
                  !isKnownPlaceOrOrganization(scorer, infos) else { return nil }
            return scorer
        }
    }

    /// The sides of a labelled scorers line: each capitalised run right before a dash that follows
    /// the label or a full stop or semicolon ("Scorers : Rangers - Laudrup 12 , 55 . Motherwell -
    /// Coyne 80 ."). The weights had read a club named after its town as the town.
    static func scorersLineSides(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        let n = infos.count
        guard n >= 4, infos[1].word == colonWord, scorersWords.contains(infos[0].word) else { return [] }
        let (dash, stops) = (dashWord, sideSeparators)
        var sides: [Range<Int>] = []
        for k in 3 ..< n where infos[k].word == dash && infos[k - 1].isCapitalised {
            var start = k - 1
            while start > 2, infos[start - 1].isCapitalised { start -= 1 }
            guard start == 2 || stops.contains(infos[start - 1].word), k - start <= 3 else { continue }
            sides.append(start ..< k)
        }
        return sides
    }

    /// What separates a scorers line's sides (``scorersLineSides(_:)``).
    private static let sideSeparators = words([".", ";"])

    /// The team of a scorers line that has no "Scorers :" label, or `nil`: a capitalised run that
    /// opens the sentence, a dash, then a capitalised run and a minute in brackets ("Liverpool - Robbie
    /// Fowler ( 26th penalty , 76th ) , Stan Collymore ( 80th )", "Barcelona - Pizzi ( 85 )"); the
    /// first minute must be an ordinal unless the team holds a listed organisation ("Ohio - Bill
    /// Clinton ( 47 )" is an election's tally). The run and its dash are returned, so the scorers
    /// start after it; the team is a team (``annotate(_:afterResultsLines:)``).
    static func teamOfScorersLine(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Range<Int>? {
        typealias F = NERFeatureExtractor
        let n = infos.count
        guard n >= 6, let dash = dashAfterOpeningSide(infos), dash + 3 < n else { return nil }
        var open = dash + 2
        while open < n, infos[open].isCapitalised { open += 1 }
        guard open + 1 < n, open - dash - 1 <= 3, infos[open].word == openBracketWord,
              infos[open + 1].flags & (F.flagHasDigit | F.flagsOfLetters | F.flagHasHyphen) & F.flagHasDigit != 0,
              infos[open + 1].length <= 4, infos[open + 1].flags & F.flagHasHyphen == 0
        else { return nil }
        // A minute is an ordinal ("26th") unless the team is a listed organisation: "Ohio - Bill
        // Clinton ( 47 )" is an election's tally.
        let ordinal = infos[open + 1].flags & (F.flagHasDigit | F.flagHasLower) == F.flagHasDigit | F.flagHasLower
        guard ordinal || (0 ..< dash).contains(where: { infos[$0].gazetteer & organizationBits != 0 }) else { return nil }
        return 0 ..< dash + 1
    }

    /// The dash after the side that opens a sentence: one to three capitalised words, the dash, and a
    /// capitalised word after it ("Liverpool - Robbie Fowler", "London Irish - Tries"), or `nil`.
    private static func dashAfterOpeningSide(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Int? {
        let n = infos.count
        guard n > 0, infos[0].isCapitalised else { return nil }
        var dash = 1
        while dash < n, dash <= 3, infos[dash].isCapitalised { dash += 1 }
        guard dash <= 3, dash + 1 < n, infos[dash].word == dashWord, infos[dash + 1].isCapitalised else { return nil }
        return dash
    }

    /// The side of a rugby scorers line: a capitalised run of one to three words that opens the
    /// sentence, a dash, and a scoring label with a capital and its colon ("Orrell - Penalties : Simon
    /// Langford 5 .", "London Irish - Tries : …", "Wales - Drop goal : …"). The weights had read a club
    /// named after its town as the town, or missed it.
    static func rugbyScorersSide(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> Range<Int>? {
        let n = infos.count
        let labels = rugbyLabelWords
        guard n >= 4, let dash = dashAfterOpeningSide(infos), dash + 2 < n, labels.contains(infos[dash + 1].word) else { return nil }
        let colon = labels.contains(infos[dash + 2].word) ? dash + 3 : dash + 2
        guard colon < n, infos[colon].word == colonWord else { return nil }
        return 0 ..< dash
    }

    /// The entrants of an individual sport's results: each capitalised run just before a country's
    /// name in brackets ("Pete Sampras ( U.S. ) beat Tim Henman ( Britain ) 6-3 6-4", "1. Michael
    /// Johnson ( U.S. ) 19.79", "137 Ernie Els ( South Africa ) 70 67") is a person, from after a
    /// dash or title before it ("SQUASH - Jansher Khan", "Foreign Minister Klaus Kinkel"). The run
    /// starts the sentence or follows a figure, punctuation, a result verb, "v" or "and", not another
    /// word in small letters ("to Alexandria ( Egypt )" is a place). Not when
    /// the run holds a place or organisation the knowledge base has, or ends in a listed place that is
    /// no listed given name or surname, unless it opens with a listed given name that is no place's
    /// name by itself ("Diego Garcia ( Spain )", "Angel Edo ( Spain )") ("Ajax Amsterdam ( Netherlands )", "Rapid Vienna": clubs;
    /// "Wayne Ferreira" and "Jos Verstappen", whose "Jos" is a Nigerian town, are persons), nor when
    /// it is one word the name lists do not have as a given name or
    /// surname ("Ajax ( Netherlands )", "Daewoo ( South Korea )") and no result verb is next to it and
    /// its country ("Sampras ( U.S. ) beat Kafelnikov ( Russia )"). A doubles pair joined by "and" is
    /// two entrants ("Guy Forget and Guillaume Raoux ( France )").
    static func entrants(_ infos: UnsafeBufferPointer<NERTokenInfo>, countries: [Range<Int>]) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        guard !countries.isEmpty, infos.contains(where: { $0.word == openBracketWord }) else { return [] }
        return F.capitalisedRuns(infos).compactMap { run -> [Range<Int>]? in
            let open = run.upperBound
            guard open + 2 < infos.count, infos[open].word == openBracketWord,
                  let country = countries.first(where: { $0.lowerBound == open + 1 }),
                  country.upperBound < infos.count, infos[country.upperBound].word == closeBracketWord
            else { return nil }
            if run.lowerBound > 0 {
                let before = infos[run.lowerBound - 1]
                guard before.flags & F.flagHasLower == 0 || before.newswireWord & (resultVerb | versusWord) != 0
                    || before.word == andWord else { return nil }
            }
            var entrant = afterLastSeparator(run, infos)
            while let first = entrant.first, entrant.count > 1,
                  infos[first].cues & cueTitle != 0 || F.runConnectors.contains(infos[first].word)
            {
                entrant = entrant.dropFirst()
            }
            let reported = entrant.lowerBound > 0 && infos[entrant.lowerBound - 1].newswireWord & resultVerb != 0
                || country.upperBound + 1 < infos.count && infos[country.upperBound + 1].newswireWord & resultVerb != 0
            // A doubles pair is two entrants ("Guy Forget and Guillaume Raoux ( France )").
            let and = entrant.first(where: { infos[$0].word == andWord })
            let parts = and.map { [entrant.lowerBound ..< $0, $0 + 1 ..< entrant.upperBound] } ?? [entrant]
            guard parts.allSatisfy({ part in
                let hits = part.reduce(UInt32(0)) { $0 | infos[$1].gazetteer }
                // (A listed given name that is no place's name by itself opens a person's name, even
                // where the lists have a place of the whole or of its last word: "5. Diego Garcia (
                // Spain ) 2:12:28", "5. Angel Edo ( Spain ) Kelme"; not "Georgia".)
                let first = infos[part.lowerBound]
                let opensWithGivenName = part.count >= 2 && F.listPosition(first, .givenName) == 4
                    && F.listPosition(first, .place) != 4 && F.listPosition(first, .location) != 4
                return !part.isEmpty && (opensWithGivenName || !isPlace(infos[part.upperBound - 1]) && hits & knownPlaceBits == 0)
                    && (part.count > 1 || hits & personNameBits != 0 || reported)
            }) else { return nil }
            return parts
        }.flatMap { $0 }
    }

    /// The clubs of an international club competition's results line, each with its country in
    /// brackets and its score after it: "Cibona Zagreb ( Croatia ) 90 Alba Berlin ( Germany ) 83",
    /// "Club Brugge ( Belgium ) 2 Schalke 04 ( Germany ) 1" (a club's number kept in its name),
    /// "In Istanbul : Efes Pilsen ( Turkey ) 69 Kinder Bologna ( Italy ) 72 ( 33-35 )". Two
    /// capitalised runs of one to four words, each followed by a country in brackets and a whole
    /// number of up to three digits, the second right after the first's number, and no result verb
    /// anywhere in the line ("Pete Sampras ( U.S. ) beat …" names persons, ``entrants(_:countries:)``).
    /// Not a run that holds a known person's name, nor a line where a side is a country (but for a
    /// club named like one, ``clubsNamedLikeCountries``: "Monaco ( France ) 2"). A place may
    /// open the line ("In Istanbul :"), as ``resultLineTeams(_:unlistedTeams:)``'s lines may not. The
    /// weights had read such clubs as persons or places ("Alba Berlin", "Cibona Zagreb"), which the
    /// entrants rule leaves to them.
    static func bracketedTeamScores(_ infos: UnsafeBufferPointer<NERTokenInfo>, countries: [Range<Int>]) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        guard countries.count >= 2, infos.contains(where: { $0.word == openBracketWord }),
              !infos.contains(where: { $0.newswireWord & resultVerb != 0 })
        else { return [] }
        /// The end of "( Country ) N" after a run ending at `open`, or nil.
        func scoreEnd(after open: Int) -> Int? {
            guard open < infos.count, infos[open].word == openBracketWord,
                  let country = countries.first(where: { $0.lowerBound == open + 1 }),
                  country.upperBound + 1 < infos.count, infos[country.upperBound].word == closeBracketWord
            else { return nil }
            let score = infos[country.upperBound + 1]
            guard score.flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasPeriod | F.flagHasHyphen) == F.flagHasDigit,
                  score.length <= 3 else { return nil }
            return country.upperBound + 2
        }
        /// A side's run with its club's number, if it has one ("Schalke 04"), and the end of "( Country
        /// ) N" after it.
        func side(_ run: Range<Int>) -> (team: Range<Int>, end: Int)? {
            var team = run
            if team.upperBound + 1 < infos.count, infos[team.upperBound + 1].word == openBracketWord,
               infos[team.upperBound].flags & (F.flagsOfLetters | F.flagHasDigit | F.flagHasPeriod | F.flagHasHyphen) == F.flagHasDigit,
               (2 ... 4).contains(infos[team.upperBound].length) {
                team = team.lowerBound ..< team.upperBound + 1
            }
            return scoreEnd(after: team.upperBound).map { (team, $0) }
        }
        let runs = F.capitalisedRuns(infos)
        let clubsLikeCountries = clubsNamedLikeCountries
        var teams: [Range<Int>] = []
        for (k, run) in runs.enumerated() {
            guard let first = side(run), k + 1 < runs.count else { continue }
            // (The second run is the next one after the country's run.)
            guard let second = runs[(k + 1)...].first(where: { $0.lowerBound == first.end }).flatMap(side) else { continue }
            // (Not when a side is itself a country: "Japan ( Syria ) 2 Derby ( Syria ) 1" is no line of
            // clubs; but "Monaco ( France ) 2 Hamburg ( Germany ) 0" is.)
            let pair = [afterLastSeparator(first.team, infos), second.team]
            guard !pair.contains(where: {
                countries.contains($0) && !($0.count == 1 && clubsLikeCountries.contains(infos[$0.lowerBound].word))
            }) else { continue }
            for team in pair
            where (1 ... 4).contains(team.count) && !team.contains(where: { infos[$0].gazetteer & knownPersonBits != 0 }) && !teams.contains(team) {
                teams.append(team)
            }
        }
        return teams
    }

    /// The teams of entrants (``entrants(_:countries:)``) in a race's results: a run of one to three
    /// capitalised words right after the entrant's country in brackets and before the entrant's
    /// time, gap or "at same time" ("1. Michael Schumacher ( Germany ) Ferrari 1:28:15.125", "2.
    /// Tony Rominger ( Switzerland ) Mapei at same time", "Banesto 0:25": motor racing, cycling), or
    /// that ends a line opened by a rank ("2. Jeroen Blijlevens ( Netherlands ) TVM"). A
    /// time is figures joined by colons or a period, or a figure and a unit ("ONCE 4 hours 51
    /// minutes", "Festina 38 seconds behind"; not "0 faults": a show jumper's horse). A country's
    /// name is a team there only before a time and when it is a person's name too, as teams named
    /// after their founders are ("Martin Brundle ( Britain ) Jordan 1:40.862"; not "Spain"). The
    /// weights had left the teams out or read them as persons ("Williams").
    static func entrantTeams(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, entrants: [Range<Int>], countries: [Range<Int>]
    ) -> [Range<Int>] {
        func isTime(_ info: NERTokenInfo) -> Bool { timeShapes.contains(info.shortShape) }
        /// A time or gap in words: "4 hours 51 minutes 12 seconds", "38 seconds behind".
        func isTimeInWords(_ k: Int) -> Bool {
            k + 1 < infos.count && infos[k].flags & (NERFeatureExtractor.flagHasDigit | NERFeatureExtractor.flagsOfLetters)
                == NERFeatureExtractor.flagHasDigit && timeUnitWords.contains(infos[k + 1].word)
        }
        return entrants.compactMap { entrant in
            guard let country = countries.first(where: { $0.lowerBound == entrant.upperBound + 1 }),
                  country.upperBound < infos.count, infos[country.upperBound].word == closeBracketWord
            else { return nil }
            let start = country.upperBound + 1
            var end = start
            while end < infos.count, infos[end].isCapitalised { end += 1 }
            // (Or at the end of a ranked line: "2. Jeroen Blijlevens ( Netherlands ) TVM".)
            let ranked = entrant.lowerBound == 1 && infos[0].shortShape == rankShape
            guard (1 ... 3).contains(end - start), end < infos.count || ranked,
                  end == infos.count || isTime(infos[end]) || infos[end].word == sameTimeWord || infos[end].word == sameWord
                    || (infos[end].word == atWord || infos[end].word == allWord) && end + 1 < infos.count && infos[end + 1].word == sameWord
                    || isTimeInWords(end),
                  !countries.contains(start ..< end)
                    || end < infos.count && isTime(infos[end]) && (start ..< end).contains(where: { infos[$0].gazetteer & personNameBits != 0 })
            else { return nil }
            return start ..< end
        }
    }

    /// The players of a golf leaderboard's line: a total or a round's score first (59 to 350), then
    /// players separated by commas, each a run of two or three words written with a capital and
    /// small letters (a particle in small letters may join them: "Steve van Vuuren"), maybe with a
    /// country in brackets, and up to four round scores (59 to 89):
    /// "64 Fred Couples , Corey Pavin", "201 Payne Stewart 67 67 67", "206 Mike Weir ( Canada ) 70
    /// 67 69 , Dudley Hart 68 69 69". The whole line must have that shape, and no run may hold a
    /// place or organisation the knowledge base has or start with a listed place that is no given
    /// name ("67 Manchester United , Aston Villa"). The weights had missed players whose names are
    /// common words ("Tiger Woods", "Fred Couples") or left whole lines out ("Payne Stewart").
    static func golfPlayers(_ infos: UnsafeBufferPointer<NERTokenInfo>, countries: [Range<Int>]) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        guard infos.count >= 3, golfTotals.contains(infos[0].word), infos[1].isCapitalised else { return [] }
        var players: [Range<Int>] = []
        let particles = nameParticleConnectors
        func isNameWord(_ k: Int) -> Bool { infos[k].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower }
        var k = 1
        while k < infos.count {
            let start = k
            var words = 0
            // (A particle in small letters may join two of the name's words: "Steve van Vuuren".)
            while k < infos.count {
                if isNameWord(k) {
                    k += 1
                    words += 1
                } else if k > start, k + 1 < infos.count, particles.contains(infos[k].word),
                          isNameWord(k + 1) || k + 2 < infos.count && particles.contains(infos[k + 1].word) && isNameWord(k + 2) {
                    k += 1
                } else {
                    break
                }
            }
            let run = start ..< k
            guard (2 ... 3).contains(words), !isPlace(infos[start]),
                  !run.contains(where: { infos[$0].gazetteer & knownPlaceBits != 0 }) else { return [] }
            players.append(run)
            if k < infos.count, infos[k].word == openBracketWord {
                guard let country = countries.first(where: { $0.lowerBound == k + 1 }), country.upperBound < infos.count,
                      infos[country.upperBound].word == closeBracketWord else { return [] }
                k = country.upperBound + 1
            }
            var rounds = 0
            while k < infos.count, golfRounds.contains(infos[k].word) { k += 1; rounds += 1 }
            guard rounds <= 4 else { return [] }
            if k == infos.count { break }
            guard infos[k].word == commaWord, k + 1 < infos.count else { return [] }
            k += 1
        }
        return players
    }

    /// The teams and scorers of a match summary line, or `nil` for any other sentence: a team and
    /// its score, its scorers in brackets if it scored, then the other team the same way, after "v"
    /// or not ("PSV Eindhoven 3 ( Nilis 12 , Jonk 40 , Cocu 77 ) Feyenoord 1 ( Van Gastel 55 ) .
    /// Halftime 2-0 . Attendance 29,500", "Pakistan 214 and 150-3 ( Ijaz Ahmed 55 ) v New Zealand
    /// 286"), or one team with its scorers (a cricket innings: "Australia 310-5 ( Mark Waugh 107 ,
    /// Steve Waugh 66 not out ; Curtly Ambrose 3-44 )"). The line must start with the first team, and
    /// one of the teams must hold a place or an organisation the gazetteer lists ("Section 2 (
    /// Article 5 ) Section 3" is no match). A score is figures with hyphens at most ("3", "310-5"), maybe two
    /// joined by "and"; each scorer is a capitalised run followed by a figure ("55", "12pen", "3-44"),
    /// then anything in small letters ("12 pen", "66 not out") up to the next comma, semicolon or the
    /// bracket's end; a figure after a comma is the same scorer's next goal ("Bebeto 10 , 55"). Up to
    /// three words in small letters or figures may follow a score ("350-6 declared"), the teams may
    /// be separated by "v", a semicolon or a comma, and a venue may come first ("At Adelaide : South
    /// Australia 350-6 declared ( Darren Lehmann 128 ) v Queensland 120-3"): a place.
    static func matchSummary(
        _ infos: UnsafeBufferPointer<NERTokenInfo>
    ) -> (teams: [Range<Int>], scorers: [Range<Int>], venue: Range<Int>?)? {
        typealias F = NERFeatureExtractor
        let n = infos.count
        func isScore(_ k: Int) -> Bool {
            k < n && infos[k].flags & (F.flagHasDigit | F.flagsOfLetters | F.flagNoAlphanumeric | F.flagHasPeriod) == F.flagHasDigit
                && infos[k].length <= 6
        }
        func isSeparator(_ k: Int) -> Bool { infos[k].word == commaWord || infos[k].word == semicolonWord }
        guard n >= 5, infos[0].isCapitalised, infos.contains(where: { $0.word == openBracketWord }) else { return nil }
        let runs = F.capitalisedRuns(infos)
        var teams: [Range<Int>] = []
        var scorers: [Range<Int>] = []
        var venue: Range<Int>?
        var k = 0
        if infos[0].word == atWord, let colon = (2 ..< min(n, 7)).first(where: { infos[$0].word == colonWord }),
           (1 ..< colon).allSatisfy({ infos[$0].isCapitalised })
        {
            venue = 1 ..< colon
            k = colon + 1
        }
        while teams.count < 2 {
            if !teams.isEmpty, k < n, infos[k].newswireWord & versusWord != 0 || isSeparator(k) { k += 1 }
            guard let team = runs.first(where: { $0.lowerBound == k }), isScore(team.upperBound) else { break }
            teams.append(team)
            k = team.upperBound + 1
            var skipped = 0
            while k < n, skipped < 3, !infos[k].isCapitalised, infos[k].newswireWord & versusWord == 0,
                  infos[k].flags & F.flagNoAlphanumeric == 0
            {
                k += 1
                skipped += 1
            }
            guard k < n, infos[k].word == openBracketWord else { continue }
            k += 1
            let firstScorer = scorers.count
            while k < n, infos[k].word != closeBracketWord {
                // A scorer's second goal follows a comma ("Bebeto 10 , 55").
                if infos[k].flags & F.flagHasDigit != 0, scorers.count > firstScorer {
                    k += 1
                } else {
                    guard let scorer = runs.first(where: { $0.lowerBound == k }), scorer.upperBound < n,
                          infos[scorer.upperBound].flags & F.flagHasDigit != 0 else { return nil }
                    scorers.append(scorer)
                    k = scorer.upperBound + 1
                }
                while k < n, !isSeparator(k), infos[k].word != closeBracketWord {
                    guard !infos[k].isCapitalised else { return nil }
                    k += 1
                }
                if k < n, isSeparator(k) { k += 1 }
            }
            guard k < n else { return nil }
            k += 1
        }
        guard teams.count == 2 || !scorers.isEmpty,
              teams.contains(where: { team in team.contains { infos[$0].gazetteer & placeOrOrganizationBits != 0 } }) else { return nil }
        return (teams, scorers, venue)
    }

    /// The players of a cricket scorecard line: a batsman's line, the batsman's name then how he
    /// was out and his runs ("Saeed Anwar c Young b Doull 17", "Ijaz Ahmed run out 22", "Inzamam-ul-Haq
    /// not out 70", "M. Atherton lbw b Wasim 31"), where every capitalised run is a player (batsman,
    /// fielder, bowler); and in any sentence, each run followed by a bowler's figures (overs, maidens,
    /// runs, wickets: "Doull 15-4-44-2", "Cairns 20.3-5-41-0"), or in brackets, an initial first (or,
    /// in brackets right after a score's figure, two or three plain capitalised words), followed by
    /// runs or figures ("425-7 declared ( V. Wells 104 , P. Simmons 4-38 )", "Australia 172 ( Michael
    /// Bevan 56 , Steve Waugh 31 ; Curtly Ambrose 3-27 )"). A run every
    /// word of which is in a place's or organisation's name the knowledge base has is left out.
    static func cricketPlayers(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>] {
        typealias F = NERFeatureExtractor
        let n = infos.count
        guard n >= 2 else { return [] }
        var last = n - 1
        while last > 0, infos[last].flags & F.flagNoAlphanumeric != 0 { last -= 1 }
        let endsWithRuns = infos[0].isCapitalised
            && infos[last].flags & (F.flagHasDigit | F.flagsOfLetters | F.flagNoAlphanumeric | F.flagHasHyphen) == F.flagHasDigit
            && infos[last].length <= 3
        let openBracket = openBracketWord
        let hasBrackets = infos.contains(where: { $0.word == openBracket })
        // Most sentences fail here, before their runs are collected.
        let figureShapes = bowlingFigureShapes
        guard endsWithRuns || hasBrackets || infos.contains(where: { isBowlingFigure($0, figureShapes) }) else { return [] }
        let runs = F.capitalisedRuns(infos)
        var players: [Range<Int>] = []
        // A score's players in brackets, each an initial and a surname and the player's runs or
        // figures: "Leicestershire 425-7 declared ( V. Wells 104 , P. Simmons 4-38 )"; right after a
        // score's figure, two or three words written with a capital and small letters will do too:
        // "Australia 172 ( Michael Bevan 56 , Steve Waugh 31 ; Curtly Ambrose 3-27 )".
        var inBrackets = false
        var afterScore = false
        var k = 0
        let isNameWord = { (k: Int) in infos[k].flags & (F.flagsOfLetters | F.flagHasDigit) == F.flagInitialUpper | F.flagHasLower }
        let separators = [openBracketWord, commaWord, semicolonWord]
        for run in runs where hasBrackets {
            while k < run.lowerBound {
                if infos[k].word == openBracketWord {
                    inBrackets = true
                    afterScore = k > 0 && isFigure(infos[k - 1])
                } else if infos[k].word == closeBracketWord {
                    inBrackets = false
                }
                k += 1
            }
            guard inBrackets, run.lowerBound > 0, run.count >= 2,
                  isInitial(infos[run.lowerBound]) || afterScore && run.count <= 3 && run.allSatisfy(isNameWord),
                  separators.contains(infos[run.lowerBound - 1].word),
                  run.upperBound < n, isFigure(infos[run.upperBound])
            else { continue }
            players.append(run)
        }
        func isDismissal(_ k: Int) -> Bool {
            let word = infos[k].word
            return dismissalWords.contains(word) || outWords.contains(word) && k + 1 < n && infos[k + 1].word == outWord
        }
        if endsWithRuns, let batsman = runs.first, batsman.lowerBound == 0, batsman.upperBound < last,
           isDismissal(batsman.upperBound)
        {
            // (The bracketed players are runs too: each run once, without a quadratic search.)
            var taken = Set(players.map(\.lowerBound))
            for run in runs where run.upperBound <= last && taken.insert(run.lowerBound).inserted { players.append(run) }
        }
        var taken = Set(players.map(\.lowerBound))
        for run in runs where run.upperBound < n && isBowlingFigure(infos[run.upperBound], figureShapes) {
            if taken.insert(run.lowerBound).inserted { players.append(run) }
        }
        return players.filter { !isKnownPlaceOrOrganization($0, infos) }
    }

    /// Words that say how a batsman was out ("c", "b", "lbw", "st", "retired"), and those that do
    /// with "out" after them ("run out", "not out").
    private static let dismissalWords = words(["c", "b", "lbw", "st", "retired", "c&b"])
    private static let outWords = words(["run", "not"])
    private static let outWord = NERFeatureExtractor.wordHash("out")
    /// Whether a token has the ``NERTokenInfo/shortShape`` of a bowler's figures: "15-4-44-2",
    /// "20.3-5-41-0" (compared, not hashed into a set: it is asked of every token, with the
    /// ``bowlingFigureShapes`` its caller read once).
    private static func isBowlingFigure(_ info: NERTokenInfo, _ shapes: (UInt64, UInt64)) -> Bool {
        info.shortShape == shapes.0 || info.shortShape == shapes.1
    }
    private static let bowlingFigureShapes = (
        NERFeatureExtractor(hashBits: 8).info(for: "1-1-1-1").shortShape,
        NERFeatureExtractor(hashBits: 8).info(for: "1.1-1-1-1").shortShape
    )
    /// Whether a token of three digits a side is a score of 100 to 199 a side ("110-105"): its shape,
    /// first digit and last three digits.
    private static func isBasketballScore(_ info: NERTokenInfo) -> Bool {
        info.shape == basketballScore.shape && info.prefixes[0] == basketballScore.first
            && basketballScore.lastThree.contains(info.suffixes[2])
    }
    private static let basketballScore = {
        let extractor = NERFeatureExtractor(hashBits: 8)
        let sample = extractor.info(for: "110-105")
        return (
            shape: sample.shape, first: sample.prefixes[0],
            lastThree: Set((100 ... 199).map { extractor.info(for: "110-\($0)").suffixes[2] })
        )
    }()
    /// The last three or four letters of a place's compounds ("York-based", "Kong-born", "Rica-owned",
    /// "Jersey-listed", "Paris-led", "state-run"), which no hyphenated given name has.
    private static let placeCompoundEndings: Set<UInt64> = {
        let extractor = NERFeatureExtractor(hashBits: 8)
        let four = ["X-based", "X-born", "X-owned", "X-listed"].map { extractor.info(for: $0).suffixes[3] }
        let three = ["X-led", "X-run"].map { extractor.info(for: $0).suffixes[2] }
        return Set(four + three)
    }()
    /// The short shape of "Young-sam" and "Kai-shek".
    private static let hyphenatedGivenNameShape = NERFeatureExtractor(hashBits: 8).info(for: "Young-sam").shortShape

    /// The players and their teams of a ranked list line, or `nil` for any other sentence: a rank or
    /// tally first ("15 -", "1."), then players each with a team in brackets and maybe figures,
    /// separated by commas or semicolons ("11 - Davor Suker ( Real Madrid ) , Meho Kodro ( Real Sociedad )", a
    /// top scorers' table). Each team is a club, and its player a person unless every word of it is
    /// in a place's or organisation's name the knowledge base has; a player with a country in
    /// brackets ("1. Michael Johnson ( U.S. ) 19.79") is left to ``entrants(_:countries:)``.
    static func rankedPlayers(
        _ infos: UnsafeBufferPointer<NERTokenInfo>, countries: [Range<Int>]
    ) -> (players: [Range<Int>], clubs: [Range<Int>])? {
        typealias F = NERFeatureExtractor
        let n = infos.count
        guard n >= 5, isFigure(infos[0]), infos.contains(where: { $0.word == openBracketWord }) else { return nil }
        let runs = F.capitalisedRuns(infos)
        var players: [Range<Int>] = []
        var clubs: [Range<Int>] = []
        var k = infos[1].word == dashWord ? 2 : 1
        while k < n {
            guard let player = runs.first(where: { $0.lowerBound == k }), player.upperBound + 1 < n,
                  infos[player.upperBound].word == openBracketWord,
                  let team = runs.first(where: { $0.lowerBound == player.upperBound + 1 }),
                  team.upperBound < n, infos[team.upperBound].word == closeBracketWord else { return nil }
            // (A country's entrant is ``entrants(_:countries:)``'s.)
            if !countries.contains(team) {
                if !isKnownPlaceOrOrganization(player, infos) { players.append(player) }
                clubs.append(team)
            }
            k = team.upperBound + 1
            while k < n, isFigure(infos[k]) { k += 1 }
            guard k < n else { break }
            guard infos[k].word == commaWord || infos[k].word == semicolonWord else { return nil }
            k += 1
        }
        return (players, clubs)
    }

    /// Words that start a scorers line.
    private static let scorersWords = words(["scorer", "scorers", "goalscorer", "goalscorers"])
    /// Words that start a rugby match's scoring lines ("Tries : Australia - Ben Tune 2 , David Campese").
    private static let rugbyScoringWords = words(["try", "tries", "conversion", "conversions", "penalties", "penalty"])
    /// The words of a rugby line's labels ("Penalty try", "Dropped goal", "Drop goals").
    private static let rugbyLabelWords = rugbyScoringWords.union(words(["dropped", "drop", "goal", "goals"]))
    /// ``NERTokenInfo/word`` of ":", "(" and ")".
    static let colonWord = NERFeatureExtractor.wordHash(":")
    static let openBracketWord = NERFeatureExtractor.wordHash("(")
    static let closeBracketWord = NERFeatureExtractor.wordHash(")")

    /// ``NERTokenInfo/word`` of "-" (also the decoder's, for a headline's kicker).
    static let dashWord = NERFeatureExtractor.wordHash("-")

    /// Words between a result verb and the team it names ("lost to", "drew with").
    private static let resultPrepositions = words(["to", "with", "against", "by"])
    /// Words before a team at a sentence's start that are no part of its name ("Former Barcelona
    /// coach", "The Chicago Cubs").
    private static let teamQualifiers = words([
        "the", "a", "an", "former", "ex", "veteran", "injured", "interim", "caretaker",
    ]).union(openingQualifiers)
    /// Roles written with a hyphen that stand before a person's name (``NERDecoder/ruleOutRanks()``):
    /// ranks, offices and sports positions.
    static let hyphenatedRoles = words([
        "Secretary-General", "Vice-President", "Vice-Chairman", "Vice-Chancellor", "Vice-Premier", "Vice-Governor",
        "President-elect", "Prime-Minister", "Ex-President", "Ex-Minister", "Lieutenant-Colonel", "Lieutenant-General",
        "Major-General", "Brigadier-General", "Lieutenant-Commander", "Rear-Admiral", "Vice-Admiral", "Sergeant-Major",
        "Off-spinner", "Leg-spinner", "Fly-half", "Scrum-half", "Stand-off", "Full-back", "Left-back", "Right-back",
        "Centre-back", "Centre-forward", "Left-winger", "Right-winger", "Co-defendant", "Co-founder", "Co-driver",
        "Co-pilot", "Mid-fielder", "Play-maker", "Prosecutor-General", "Attorney-General", "Governor-General",
        "Director-General", "Solicitor-General", "Auditor-General", "Procurator-General", "Inspector-General",
        "Surgeon-General", "Consul-General",
    ])
    /// How many words from `i` on are ranks or roles before a person's name: one of
    /// ``hyphenatedRoles`` before any capitalised word, or one or more of ``ranks`` in a row before a
    /// listed given name ("Lieutenant Colonel Peter Smith"; not "Major League", "General Motors", nor
    /// the first word of a listed place, "General Santos"). 0 when the word at `i` is none.
    /// `ranks` and `roles` are ``ranks`` and ``hyphenatedRoles``, which callers read once a sentence.
    static func rankLength(
        at i: Int, _ infos: UnsafeBufferPointer<NERTokenInfo>, ranks: NERWordSet, roles: NERWordSet
    ) -> Int {
        typealias F = NERFeatureExtractor
        guard i + 1 < infos.count, infos[i].isCapitalised, infos[i + 1].isCapitalised else { return 0 }
        if infos[i].flags & F.flagHasHyphen != 0 { return roles.contains(infos[i].word) ? 1 : 0 }
        var k = i
        while k + 1 < infos.count, infos[k].flags & F.flagHasHyphen == 0, ranks.contains(infos[k].word),
              F.listPosition(infos[k], .place) != 1, F.listPosition(infos[k], .location) != 1 {
            k += 1
        }
        return k > i && F.listPosition(infos[k], .givenName) == 4 ? k - i : 0
    }
    /// ``NERTokenInfo/word`` of "Royal", which opens companies' names and is a listed given name too
    /// (``personsAfterCues(_:isKnownWord:isCommonWord:)``: "Dutch Royal Nedlloyd").
    private static let royalWord = NERFeatureExtractor.wordHash("Royal")
    /// Military, police and guerrilla ranks in one word that stand before a person's name
    /// ("spokesman Major Peter Sorensen"); some are surnames too ("John Major").
    static let ranks = words([
        "Major", "General", "Colonel", "Captain", "Lieutenant", "Sergeant", "Corporal", "Brigadier", "Admiral",
        "Commodore", "Marshal", "Commandant", "Commander", "Comandante", "Subcomandante", "Subcommander", "Inspector",
        "Superintendent", "Constable", "Mullah",
    ])
    /// Words that open a sentence before a name without being part of it: a team's standing
    /// ("Champions Ajax", "Holders Manchester United", "Second-placed Club Brugge"), a preposition ("In
    /// Denver"), a bond issue's party in its terms ("Borrower Hoechst Finance BV", "Guarantor
    /// Hoechst AG") or a word that describes the name (``openingDescriptors``).
    static let openingQualifiers = words([
        "champions", "holders", "leaders", "hosts", "visitors", "relegated", "promoted", "unbeaten",
        "in", "at", "on", "for", "from", "with", "by", "after", "before", "against", "under",
        "during", "despite", "when", "while", "but", "and", "if", "since", "until",
        "second-placed", "third-placed", "fourth-placed", "fifth-placed", "top-placed", "bottom-placed", "lowly",
    ]).union(bondPartyWords).union(openingDescriptors)
    /// The ``openingQualifiers`` that describe the name after them and open no competition's or
    /// company's name: "Former Masters champion Ian Woosnam", "Defending champion …", "Striker Ariel
    /// Lopez", "Carmaker Proton gained 30 sen".
    static let openingDescriptors = words([
        "former", "defending", "rookie", "veteran", "striker", "goalkeeper", "defender", "midfielder", "winger",
        "carmaker", "automaker", "chipmaker", "steelmaker", "conglomerate", "brewer", "insurer", "retailer",
    ])
    /// Whether `run` opens the sentence with one of ``openingDescriptors`` before more words, which the
    /// rules reading it as one name leave out ("Carmaker Proton gained", "Former Masters champion").
    static func opensWithDescriptor(_ run: Range<Int>, _ infos: UnsafeBufferPointer<NERTokenInfo>) -> Bool {
        run.lowerBound == 0 && run.count >= 2 && openingDescriptors.contains(infos[0].word)
    }
    /// A bond issue's parties as its terms name them, opening a line: "Borrower Hoechst Finance BV".
    static let bondPartyWords = words(["borrower", "guarantor", "issuer"])
    /// Connectors of a capitalised run that no team's name holds ("SOCCER - Barcelona", "Ajax 's Litmanen").
    private static let teamSeparators = words(["-", "'s"])
    /// Where a round-up's run splits into teams ("Coventry and Southampton drew 1-1"; "Nou Camp on
    /// Saturday").
    private static let roundUpSeparators = words(["-", "'s", "and", "&", "on"])
    /// The shapes (``NERTokenInfo/shape``) of a word written with a capital and small letters only,
    /// or in capitals only ("Bologna", "CAGLIARI"; not "KOs", a boxer's knockouts). Shapes cap a run
    /// of one kind at four characters, so these cover every length.
    private static let plainNameShapes = Set(["Ab", "Abc", "Abcd", "Abcde", "AB", "ABC", "ABCD"].map {
        NERFeatureExtractor(hashBits: 8).info(for: $0).shape
    })
    /// Words after a tally that is no match's score ("49-41 percent", "a 12-5 vote").
    private static let tallyWords = words([
        "percent", "%", "pct", "vote", "votes", "majority", "decision", "ruling", "January", "February", "March", "April",
        "May", "June", "July", "August", "September", "October", "November", "December",
    ])
    /// Words before a venue, which is no team ("at Wembley", "in Milan").
    private static let venuePrepositions = words(["in", "at", "near", "of", "outside"])
    /// Particles of a person's name written with a capital between the given name and the surname.
    private static let nameParticles = words(["El", "Al", "Ben", "Bin", "Abu", "Van", "Von", "De", "Da", "Di", "Del", "Le", "La"])
    /// The particles of ``namesWithParticles(_:)``: the first of two ("van der", "de la"), the
    /// second, and the first written with a capital at a surname's start ("Van der Sar").
    private static let firstParticles = words(firstParticleWords)
    private static let secondParticles = words(secondParticleWords)
    private static let capitalParticles = words(["van", "von"])
    /// The words of two-particle names ("van den", "de la"): the first and the second particle, in
    /// small letters; the engine's cue recogniser reads the same names (``CueBasedNameRecognizer``).
    static let firstParticleWords = ["van", "von", "de"]
    static let secondParticleWords = ["der", "den", "de", "het", "la", "las", "los"]
    /// ``NERTokenInfo/word`` of "of", "&".
    static let ofWord = NERFeatureExtractor.wordHash("of")
    static let ampersandWord = NERFeatureExtractor.wordHash("&")
    /// ``NERTokenInfo/word`` of "West" and "Indies".
    private static let westWord = NERFeatureExtractor.wordHash("West")
    private static let indiesWord = NERFeatureExtractor.wordHash("Indies")
    /// ``NERTokenInfo/word`` of "'s".
    static let possessiveWord = NERFeatureExtractor.wordHash("'s")
    /// ``NERTokenInfo/word`` of "at" (case-folded, so also "AT").
    static let atWord = NERFeatureExtractor.wordHash("at")
    /// ``NERTokenInfo/word`` of "with".
    static let withWord = NERFeatureExtractor.wordHash("with")
    /// The short shapes (``NERTokenInfo/shortShape``) of a race's times and gaps: "1:28:15.125",
    /// "4:32:15", "0:25", "5.602".
    private static let timeShapes = Set(["1:1", "1:1:1", "1:1.1", "1:1:1.1", "1.1"].map {
        NERFeatureExtractor(hashBits: 8).info(for: $0).shortShape
    })
    /// The word hashes of a golfer's total or round score (59 to 350) and of a round's score (59 to 89).
    private static let golfTotals = words((59 ... 350).map(String.init))
    private static let golfRounds = words((59 ... 89).map(String.init))
    /// The short shape of a rank that opens a results line: "2.", "10.".
    private static let rankShape = NERFeatureExtractor(hashBits: 8).info(for: "2.").shortShape
    /// ``NERTokenInfo/word`` of "all" ("all same time").
    private static let allWord = NERFeatureExtractor.wordHash("all")
    /// ``NERTokenInfo/word`` of "s.t.", a cyclist's "same time", and of "same".
    private static let sameTimeWord = NERFeatureExtractor.wordHash("s.t.")
    private static let sameWord = NERFeatureExtractor.wordHash("same")
    /// Units of a race's time or gap written in words.
    private static let timeUnitWords = words(["hours", "hour", "hrs", "minutes", "minute", "mins", "min", "seconds", "second", "secs", "sec"])
    /// ``NERTokenInfo/word`` of "on".
    static let onWord = NERFeatureExtractor.wordHash("on")
    /// ``NERTokenInfo/word`` of "and".
    static let andWord = NERFeatureExtractor.wordHash("and")
    /// ``NERTokenInfo/word`` of "the".
    static let theWord = NERFeatureExtractor.wordHash("the")

    /// The places of a news dateline, or `nil` for any other sentence: capitalised runs separated by
    /// commas, then a date of ten figures and hyphens and nothing else ("BONN 1996-08-22",
    /// "AL-AIN , United Arab Emirates 1996-12-06": the city, then its region or country). Each run is
    /// a place whether or not the gazetteer knows it; at most three runs (city, region, country).
    static func datelinePlaces(_ infos: UnsafeBufferPointer<NERTokenInfo>) -> [Range<Int>]? {
        typealias F = NERFeatureExtractor
        guard let date = infos.last, infos.count >= 2, infos[0].isCapitalised,
              date.flags & (F.flagHasDigit | F.flagHasHyphen) == F.flagHasDigit | F.flagHasHyphen,
              date.flags & (F.flagsOfLetters | F.flagHasPeriod) == 0,
              date.length == 10 else { return nil }
        let places = F.capitalisedRuns(UnsafeBufferPointer(rebasing: infos[0 ..< infos.count - 1]))
        let placeTokens = places.reduce(0) { $0 + $1.count }
        let commas = infos.dropLast().filter { $0.word == commaWord }.count
        guard places.count <= 3, placeTokens + commas == infos.count - 1, commas == places.count - 1 else { return nil }
        return places
    }

    /// ``NERTokenInfo/word`` of "," and of ";".
    static let commaWord = NERFeatureExtractor.wordHash(",")
    private static let periodWord = NERFeatureExtractor.wordHash(".")
    private static let semicolonWord = NERFeatureExtractor.wordHash(";")
}
