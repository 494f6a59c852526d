/// Salience: how central an entity is to an article, 0–1.
///
/// Each non-repeated mention adds its kind's weight (names and abbreviations 1.0, metonyms 0.8,
/// partial names 0.9, demonyms 0.5) damped by position (`1 / (1 + 0.1 × paragraph)` over the
/// body); a mention in the title adds a bonus of 2. Salience is the entity's total divided by
/// the largest total in the article, so the most central entity has 1.0 and repeats never count.
enum Salience {
    static func weight(of kind: MentionKind) -> Double {
        switch kind {
        case .name, .abbreviation: 1.0
        case .partialName: 0.9
        case .metonym: 0.8
        case .demonym: 0.5
        }
    }

    /// What one mention adds to its entity's raw score.
    static func rawScore(_ mention: EntityMention) -> Double {
        guard !mention.repeated else { return 0 }
        switch mention.span.field {
        case .title: return 2.0 * weight(of: mention.kind)
        case .body: return weight(of: mention.kind) / (1.0 + 0.1 * Double(mention.paragraph))
        }
    }

    /// Normalises raw scores so the largest becomes 1.
    static func normalized(_ raw: Double, maximum: Double) -> Double {
        maximum > 0 ? (raw / maximum * 1000).rounded() / 1000 : 0
    }
}
