import Foundation

/// Where themes come from: the user's config directory, then the `themes/` folder found by
/// walking up from the executable and from the current directory; `dark` and `mono` are also
/// built in.
public struct ThemeCatalog: Sendable {
  /// The directories searched, first match wins.
  public var directories: [String]

  /// Creates a catalog over directories.
  public init(directories: [String]) { self.directories = directories }

  /// The standard search path for an environment, executable path and current directory.
  public static func standard(
    environment: [String: String], executablePath: String?, currentDirectory: String
  ) -> ThemeCatalog {
    var directories: [String] = []
    if let config = TUIConfig.configDirectory(environment: environment) {
      directories.append(config + "/themes")
    }
    var starts: [String] = []
    if let executablePath {
      starts.append(
        (URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().path as NSString)
          .deletingLastPathComponent)
    }
    starts.append(currentDirectory)
    for start in starts {
      if let found = findUp("themes", from: start), !directories.contains(found) {
        directories.append(found)
      }
    }
    return ThemeCatalog(directories: directories)
  }

  /// The first `name` directory holding `.theme` files in `start` or one of its parents.
  static func findUp(_ name: String, from start: String) -> String? {
    var directory = (start as NSString).standardizingPath
    for _ in 0..<12 {
      let candidate = directory + "/" + name
      if let files = try? FileManager.default.contentsOfDirectory(atPath: candidate),
        files.contains(where: { $0.hasSuffix(".theme") })
      {
        return candidate
      }
      let parent = (directory as NSString).deletingLastPathComponent
      if parent == directory || parent.isEmpty { break }
      directory = parent
    }
    return nil
  }

  /// Every theme name available, sorted, `dark` first.
  public var names: [String] {
    var names: Set<String> = ["dark", "mono"]
    for directory in directories {
      for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      where file.hasSuffix(".theme") {
        names.insert(String(file.dropLast(".theme".count)))
      }
    }
    return ["dark"] + names.subtracting(["dark"]).sorted()
  }

  /// Loads a theme by name: from the first directory that has `NAME.theme`, else a built-in one.
  public func load(_ name: String) -> Result<Theme, ThemeError> {
    guard !name.contains("/"), !name.hasPrefix(".") else {
      return .failure(
        ThemeError(problems: [ConfigProblem(file: name, line: 0, "a theme name cannot contain `/`")]
        ))
    }
    for directory in directories {
      let path = directory + "/" + name + ".theme"
      guard FileManager.default.fileExists(atPath: path) else { continue }
      guard let data = FileManager.default.contents(atPath: path), data.count < 1_000_000,
        let text = String(data: data, encoding: .utf8)
      else {
        return .failure(
          ThemeError(problems: [
            ConfigProblem(file: path, line: 0, "cannot read the file as UTF-8 text")
          ]))
      }
      do {
        return .success(try Theme.parse(text, name: name, file: path))
      } catch {
        return .failure(error)
      }
    }
    switch name {
    case "dark": return .success(.dark)
    case "mono": return .success(.mono)
    default:
      return .failure(
        ThemeError(problems: [
          ConfigProblem(
            file: "\(name).theme", line: 0,
            "no such theme in \(directories.joined(separator: ", "))")
        ]))
    }
  }
}
