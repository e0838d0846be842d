@testable import DumpServer
import Foundation
import Testing

@Suite("Assets/openapi.yaml")
struct OpenAPITests {
    /// The operations the YAML documents: "GET /api/sky", … (read from the `paths:` block).
    static func documentedOperations() throws -> Set<String> {
        let yaml = try String(contentsOf: TestService.assets.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var operations: Set<String> = []
        var inPaths = false
        var currentPath: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, let first = line.first, first != " " { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if let path = currentPath, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                if ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].contains(method) {
                    operations.insert("\(method) \(path)")
                }
            }
        }
        return operations
    }

    /// A registered route in OpenAPI's path syntax (`/assets/**` → `/assets/{file}`).
    static func openAPIName(_ route: RouteDescription) -> String {
        "\(route.method) \(route.path.replacingOccurrences(of: "/**", with: "/{file}"))"
    }

    @Test func everyRegisteredRouteIsDocumentedAndNothingElse() throws {
        let service = try TestService()
        let registered = Set(service.assembly.routes.map(Self.openAPIName))
        let documented = try Self.documentedOperations()
        #expect(registered.count >= 18)
        #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
        #expect(
            documented.subtracting(registered).isEmpty,
            "documented but not served: \(documented.subtracting(registered).sorted())")
    }

    @Test func theDescriptionNamesEverySchemaAndIsOpenAPI31() throws {
        let yaml = try String(contentsOf: TestService.assets.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        #expect(yaml.hasPrefix("openapi: 3.1"))
        for schema in ["Worry", "Clip", "SkyLayout", "SkyNode", "SkyLink", "SkyDrift", "Stats", "Error", "PosterList"] {
            #expect(yaml.contains("\n    \(schema):\n"), "\(schema)")
        }
    }
}
