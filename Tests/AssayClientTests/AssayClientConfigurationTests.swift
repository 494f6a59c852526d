import AssayClient
import Testing

@Suite struct AssayClientConfigurationTests {
    @Test func defaults() {
        let configuration = AssayClientConfiguration()
        #expect(configuration.initialCredit == 64)
        #expect(configuration.compression)
        #expect(configuration.apiKey == nil)
    }
}
