import AssayProtocol
import Foundation

/// The human view of analysis events: short lines as events arrive, then an aligned summary.
struct EventPrinter {
    let style: Style
    /// Print a line per incremental event (single article); otherwise only the summary.
    let showsProgress: Bool

    /// The lines to print for `event` of `article` (empty when the event is not shown).
    func render(_ event: Assay_AnalysisEvent, article: Assay_Article) -> String {
        switch event.event {
        case .accepted(let accepted):
            guard self.showsProgress else { return "" }
            return self.style.dim("accepted \(event.reference.isEmpty ? "article" : event.reference) "
                + "(\(accepted.titleBytes) B title, \(accepted.bodyBytes) B body, id \(accepted.articleID.prefix(12)))") + "\n"
        case .entity(let found):
            guard self.showsProgress else { return "" }
            let entity = found.entity
            return self.style.dim("  + \(entity.name.fitted(32)) \(Self.typeName(entity.type).fitted(14)) "
                + "\(entity.mentions.count) mention\(entity.mentions.count == 1 ? "" : "s")") + "\n"
        case .risk(let update):
            guard self.showsProgress else { return "" }
            return update.scores.filter { $0.score > 0 }.map { score in
                self.style.dim("  ! \(Self.riskName(score.category).fitted(24)) \(String(score.score).rightAligned(3)) "
                    + "after paragraph \(update.paragraph)") + "\n"
            }.joined()
        case .summary(let summary):
            return self.renderSummary(summary, article: article, reference: event.reference)
        case .failed(let failed):
            return self.style.red("\(event.reference): failed: \(failed.code): \(failed.message)") + "\n"
        case .entityUpdate, .repetition, .none:
            return ""
        }
    }

    private func renderSummary(_ summary: Assay_AnalysisSummary, article: Assay_Article, reference: String) -> String {
        var out = ""
        let heading = [reference, article.title].filter { !$0.isEmpty }.joined(separator: " — ")
        out += self.style.bold(heading.isEmpty ? "article" : heading) + "\n"
        let milliseconds = Double(summary.timings.analysisUs) / 1000
        out += "  overall risk \(self.riskColoured(summary.overall.score))/100   "
            + "\(summary.paragraphs) paragraphs, \(summary.sentences) sentences, \(summary.tokens) tokens, "
            + String(format: "%.1f ms", milliseconds) + "\n"

        out += "\n  " + self.style.bold("ENTITIES") + "\n"
        if summary.entities.isEmpty { out += "    (none)\n" }
        let order: [Assay_EntityType] = [.location, .organization, .person, .commodity, .miscellaneous, .unspecified]
        let groups = Dictionary(grouping: summary.entities, by: \.type)
        for type in order {
            guard let entities = groups[type], !entities.isEmpty else { continue }
            out += "    " + self.style.cyan(Self.typeName(type)) + "\n"
            for entity in entities.sorted(by: { $0.salience > $1.salience }) {
                let subtype = entity.subtype == .unspecified ? "" : Self.subtypeName(entity.subtype)
                let mentions = "\(entity.mentions.count) mention\(entity.mentions.count == 1 ? "" : "s")"
                out += "      \(entity.name.fitted(34)) \(subtype.fitted(18)) \(mentions.rightAligned(11))  "
                    + "salience " + String(format: "%.2f", entity.salience) + "\n"
            }
        }

        out += "\n  " + self.style.bold("RISK") + "\n"
        let scored = summary.riskScores.filter { $0.score > 0 || !$0.contributions.isEmpty }
        if scored.isEmpty { out += "    (no risk signals)\n" }
        for score in scored.sorted(by: { $0.score > $1.score }) {
            let bar = String(repeating: "█", count: Int(score.score) / 10)
            out += "    \(Self.riskName(score.category).fitted(26)) \(self.riskColoured(score.score, width: 3)) \(bar)\n"
            for contribution in score.contributions.sorted(by: { abs($0.weight) > abs($1.weight) }).prefix(3) {
                let modality = contribution.modality == .unspecified ? "" : ", \(Self.modalityName(contribution.modality))"
                out += "      · \"\(contribution.cue)\"" + self.style.dim(" (weight " + String(format: "%.2f", contribution.weight)
                    + modality + ")") + "\n"
                if let snippet = self.snippet(contribution.evidence, article: article) {
                    out += "        " + self.style.dim(snippet) + "\n"
                }
            }
        }
        return out + "\n"
    }

    /// The evidence's sentence (or text), on one line, at most 110 characters.
    private func snippet(_ evidence: Assay_Evidence, article: Assay_Article) -> String? {
        var text = evidence.text
        if evidence.hasSentenceSpan, let sentence = Self.slice(article, evidence.sentenceSpan) { text = sentence }
        text = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        return "“" + (text.count > 110 ? String(text.prefix(109)) + "…" : text) + "”"
    }

    /// The UTF-8 byte range of `span` in the article field it names.
    static func slice(_ article: Assay_Article, _ span: Assay_Span) -> String? {
        let field = span.field == .title ? article.title : article.body
        let bytes = Array(field.utf8)
        guard span.start <= span.end, Int(span.end) <= bytes.count else { return nil }
        return String(decoding: bytes[Int(span.start)..<Int(span.end)], as: UTF8.self)
    }

    private func riskColoured(_ score: UInt32, width: Int = 0) -> String {
        let text = String(score).rightAligned(width)
        return score >= 60 ? self.style.red(text) : score >= 30 ? self.style.yellow(text) : self.style.green(text)
    }

    static func typeName(_ type: Assay_EntityType) -> String {
        switch type {
        case .person: "PERSON"
        case .organization: "ORGANIZATION"
        case .location: "LOCATION"
        case .commodity: "COMMODITY"
        case .miscellaneous: "MISCELLANEOUS"
        default: "OTHER"
        }
    }

    static func subtypeName(_ subtype: Assay_EntitySubtype) -> String {
        switch subtype {
        case .country: "country"
        case .region: "region"
        case .city: "city"
        case .internationalOrganization: "intl. organization"
        case .governmentBody: "government body"
        case .company: "company"
        case .researchInstitute: "research institute"
        case .mineral: "mineral"
        case .elementGroup: "element group"
        case .facility: "facility"
        default: ""
        }
    }

    static func riskName(_ category: Assay_RiskCategory) -> String {
        switch category {
        case .tradeRestriction: "trade restriction"
        case .supplyConcentration: "supply concentration"
        case .geopoliticalTension: "geopolitical tension"
        case .securityAndDefence: "security and defence"
        case .marketDisruption: "market disruption"
        default: "other"
        }
    }

    static func modalityName(_ modality: Assay_Modality) -> String {
        switch modality {
        case .asserted: "asserted"
        case .hedged: "hedged"
        case .negated: "negated"
        default: "unspecified"
        }
    }
}
