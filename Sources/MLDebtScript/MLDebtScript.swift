import CLua
import MLDebt

/// The Lua 5.4 scripting API over the analysis core.
public enum MLDebtScript {
  /// The version of the Lua library linked in, as Lua reports it (for example `5.4`).
  public static var luaVersion: String {
    let version = Int(LUA_VERSION_NUM)
    return "\(version / 100).\(version % 100)"
  }
}
