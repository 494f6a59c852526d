/// The coarse type of an entity.
public enum EntityType: String, Sendable, Hashable, CaseIterable {
    case person = "PERSON"
    case organization = "ORGANIZATION"
    case location = "LOCATION"
    case commodity = "COMMODITY"
    /// Named things that are none of the above (the tagger's MISC): events, laws, products.
    case miscellaneous = "MISC"

    /// The prefix of ids the engine derives for entities outside the knowledge base.
    var idPrefix: String {
        switch self {
        case .person: "person"
        case .organization: "org"
        case .location: "place"
        case .commodity: "commodity"
        case .miscellaneous: "misc"
        }
    }
}

/// The finer kind of an entity, where the knowledge base knows it.
public enum EntitySubtype: String, Sendable, Hashable, CaseIterable {
    case country = "COUNTRY"
    case region = "REGION"
    case city = "CITY"
    case internationalOrganization = "INTERNATIONAL_ORGANIZATION"
    case governmentBody = "GOVERNMENT_BODY"
    case company = "COMPANY"
    case researchInstitute = "RESEARCH_INSTITUTE"
    case mineral = "MINERAL"
    case elementGroup = "ELEMENT_GROUP"
    case facility = "FACILITY"
}

/// How a mention refers to its entity.
public enum MentionKind: String, Sendable, Hashable, CaseIterable {
    /// The name or a listed variant: "United States".
    case name = "NAME"
    /// An abbreviation: "U.S.", "REEs".
    case abbreviation = "ABBREVIATION"
    /// A demonym standing for a country: "Chinese".
    case demonym = "DEMONYM"
    /// A place standing for a government: "Washington".
    case metonym = "METONYM"
    /// A shortened name: "Liu" after "Zongyuan Zoe Liu", "Xi".
    case partialName = "PARTIAL"
}

/// Where an entity was recognised.
public enum EntitySource: String, Sendable, Hashable {
    case knowledgeBase
    case tagger
    case rule
}
