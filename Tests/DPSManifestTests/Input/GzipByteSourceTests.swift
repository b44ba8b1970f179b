import Foundation
import Testing

@testable import DPSManifest

/// Decompressing gzip files made by the real `gzip`: several members, every chunk boundary, every way to be broken.
struct GzipByteSourceTests {
    /// How the compressed bytes arrive and how the decompressed ones are asked for.
    struct Chunking: Sendable, CustomTestStringConvertible {
        var inputChunk: Int
        var readSize: Int
        var testDescription: String { "input chunks of \(inputChunk), reads of \(readSize)" }

        static let all = [
            Chunking(inputChunk: 1, readSize: 1),
            Chunking(inputChunk: 1, readSize: 4096),
            Chunking(inputChunk: 2, readSize: 3),
            Chunking(inputChunk: 7, readSize: 5),
            Chunking(inputChunk: 64, readSize: 1),
            Chunking(inputChunk: 4096, readSize: 17),
            Chunking(inputChunk: GzipByteSource.defaultInputChunkBytes, readSize: 256 << 10),
        ]

        func source(_ bytes: [UInt8]) -> GzipByteSource {
            GzipByteSource(source: MemoryByteSource(bytes: bytes, chunkSize: inputChunk), inputChunkBytes: inputChunk)
        }
    }

    static let first = Array(sampleJSONLines(count: 40, seed: 1).utf8)
    static let second = Array(sampleJSONLines(count: 25, seed: 2).utf8)

    @Test(arguments: Chunking.all)
    func multiMemberFileReadsAsTheConcatenation(chunking: Chunking) throws {
        // Two members, an empty member between them, as `cat a.gz empty.gz b.gz` makes.
        let file = try GzipTool.compress(Self.first) + GzipTool.compress([]) + GzipTool.compress(Self.second)
        let expected = Self.first + Self.second
        #expect(try GzipTool.decompress(file) == expected)
        let source = chunking.source(file)
        #expect(try drain(source, readSize: chunking.readSize) == expected)
        #expect(source.membersRead == 3)
        #expect(source.isFinished)
        #expect(source.compressedBytesConsumed == file.count)
        #expect(source.bytesProduced == expected.count)
        #expect(source.estimatedDecompressedSize(compressedSize: file.count) == expected.count)
    }

    @Test(arguments: [1, 6, 9])
    func largeFileOfManyMembersThroughTheLineReader(level: Int) throws {
        // One member per "page", as an export writes, with lines that straddle the reader's window.
        var file: [UInt8] = []
        var expected: [NumberedLine] = []
        for page in 0..<20 {
            let text = sampleJSONLines(count: 300, seed: UInt64(page) + 10)
            file += try GzipTool.compress(Array(text.utf8), level: level)
            for line in text.split(separator: "\n") {
                expected.append(NumberedLine(line: expected.count + 1, text: String(line)))
            }
        }
        let source = GzipByteSource(source: MemoryByteSource(bytes: file, chunkSize: 1000), inputChunkBytes: 1000)
        let reader = LineReader(source: source, capacity: 512, readSize: 300)
        #expect(try readAllLines(reader) == expected)
    }

    @Test func everyCutOfATwoMemberFileIsTruncatedExceptTheMemberBoundary() throws {
        let one = try GzipTool.compress(Array("registrationId,attestation\ndev-1,tpm\n".utf8))
        let two = try GzipTool.compress(Array("dev-2,tpm\n".utf8))
        let file = one + two
        for length in 0..<file.count {
            let error = firstGzipError(Array(file[..<length]), chunkSize: 3)
            if length == one.count {
                #expect(error == nil, "a cut at the member boundary is a whole file")
            } else {
                #expect(error?.code == .gzipTruncated, "cut at \(length) of \(file.count)")
            }
        }
        let cut = firstGzipError(Array(file.dropLast()))
        #expect(cut?.message.contains("truncated") == true)
        #expect(firstGzipError([])?.message.contains("empty") == true)
    }

    @Test func damagedChecksumsAndDataAreCorrupt() throws {
        let member = try GzipTool.compress(Self.first)
        // CRC-32 (8 bytes from the end), ISIZE (4 from the end), and the deflate data itself.
        for (offset, name) in [(member.count - 8, "crc"), (member.count - 3, "length"), (member.count / 2, "data")] {
            var damaged = member
            damaged[offset] ^= 0x55
            #expect(throws: GzipToolFailed.self, "gzip accepts the damaged \(name)") {
                try GzipTool.decompress(damaged)
            }
            let error = firstGzipError(damaged, chunkSize: 5)
            #expect(error?.code == .gzipCorrupt, "damaged \(name): \(String(describing: error))")
            #expect(error?.message.contains("damaged") == true)
        }
    }

    @Test func aPlainFileIsNotGzip() {
        let error = firstGzipError(Array("registrationId,attestation\ndev-1,tpm\n".utf8))
        #expect(error?.code == .gzipCorrupt)
        #expect(error?.message.contains("not gzip-compressed") == true)
        #expect(error?.line == nil)
    }

    /// Text, zero padding, and a gzip signature with compression method 0 instead of 8 (deflate).
    @Test(arguments: [Array("trailing text\n".utf8), [0, 0, 0, 0], [0x1F, 0x8B, 0x00, 0x00]])
    func bytesAfterTheLastMemberAreCorrupt(trailer: [UInt8]) throws {
        let file = try GzipTool.compress(Self.first) + trailer
        let error = firstGzipError(file, chunkSize: 2)
        #expect(error?.code == .gzipCorrupt)
    }

    @Test func theStartOfAnotherMemberCutShortIsTruncated() throws {
        let error = firstGzipError(try GzipTool.compress(Self.first) + [0x1F, 0x8B, 0x08], chunkSize: 2)
        #expect(error?.code == .gzipTruncated)
    }

    @Test func trailingTextIsNamedAsSuch() throws {
        let error = firstGzipError(try GzipTool.compress(Self.first) + Array("junk".utf8))
        #expect(error?.message.contains("after 1 complete gzip member") == true)
        #expect(error?.message.contains("not another gzip member") == true)
    }

    @Test func estimateScalesByTheCompressionRatioSoFar() throws {
        let text = Array(sampleJSONLines(count: 20_000).utf8)
        let file = try GzipTool.compress(text)
        let source = GzipByteSource(source: MemoryByteSource(bytes: file), inputChunkBytes: 4096)
        #expect(source.estimatedDecompressedSize(compressedSize: file.count) == nil)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 64 << 10)
        defer { buffer.deallocate() }
        var read = 0
        while read < 200_000 { read += try source.read(into: buffer, count: 64 << 10) }
        #expect(!source.isFinished)
        let estimate = try #require(source.estimatedDecompressedSize(compressedSize: file.count))
        #expect(Double(estimate) > Double(text.count) * 0.8 && Double(estimate) < Double(text.count) * 1.25)
    }

    @Test func openByteSourceChoosesByName() throws {
        let plain = Array("a,b\n".utf8)
        let dir = try GzipTool.temporaryFile(named: "m.csv", contents: plain)
        let gz = URL(fileURLWithPath: dir).deletingLastPathComponent().appendingPathComponent("m.CSV.GZ").path
        try Data(try GzipTool.compress(plain)).write(to: URL(fileURLWithPath: gz))
        #expect(try openByteSource(path: dir) is FileByteSource)
        #expect(try openByteSource(path: gz) is GzipByteSource)
        #expect(try readAllRecords(CSVReader(path: gz)) == readAllRecords(CSVReader(path: dir)))
        #expect(throws: ManifestInputError(code: .fileNotFound, message: "")) {
            try openByteSource(path: dir + ".missing.gz")
        }
    }
}
