import Foundation
import Testing

@testable import MLDebt

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Run folder listings: when an experiment folder's cached listing is trusted")
struct RunFolderListingTests {
  @Test func aFolderChangedInTheLastSecondsIsNotTrusted() {
    var info = stat()
    info.st_ino = 7
    info.st_mtim = timespec(tv_sec: 1_000, tv_nsec: 5)
    info.st_ctim = timespec(tv_sec: 1_000, tv_nsec: 9)
    #expect(RunFolderListing.signature(info, now: 1_003) == "7:1000.5:1000.9")
    // Within the settling time an entry added in the same clock step would leave it unchanged.
    #expect(RunFolderListing.signature(info, now: 1_002) == nil)
    // `touch -d` sets the modification time back, but the change time says when it ran.
    info.st_ctim.tv_sec = 1_002
    #expect(RunFolderListing.signature(info, now: 1_003) == nil)
    #expect(RunFolderListing.signature(info, now: 1_005) == "7:1000.5:1002.9")
    // Another folder moved into its place has another inode.
    info.st_ino = 8
    #expect(RunFolderListing.signature(info, now: 1_005) == "8:1000.5:1002.9")
  }

  @Test func namesSurviveTheirEncodingAndBrokenBytesAreRefused() {
    let names = ["0a1b", "ünïcode", "with space", "x"]
    let bytes = RunFolderListing.encode(names)
    #expect(bytes.withUnsafeBytes { RunFolderListing.decode($0) } == names)
    #expect(RunFolderListing.encode([]).withUnsafeBytes { RunFolderListing.decode($0) } == [])
    // Cut short (no final NUL), or an empty name: not a listing, so the folder is listed.
    #expect(Data("abc\0de".utf8).withUnsafeBytes { RunFolderListing.decode($0) } == nil)
    #expect(Data("abc\0\0".utf8).withUnsafeBytes { RunFolderListing.decode($0) } == nil)
    #expect(Data("\0".utf8).withUnsafeBytes { RunFolderListing.decode($0) } == nil)
  }
}
