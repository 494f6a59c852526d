#!/usr/bin/env python3
"""Regenerates the annotated hex dumps in docs/PROTOCOL.md (section "Annotated exchange").

Run from anywhere:  python3 Scripts/protocol-hexdump.py > /tmp/dumps.md
then paste the output over the generated block in docs/PROTOCOL.md (between the
markers "<!-- BEGIN GENERATED HEXDUMP -->" and "<!-- END GENERATED HEXDUMP -->").

Every protobuf payload is produced by protoc itself from text format:
    protoc --encode=assay.v1.<Type> -IProtos Protos/assay/v1/*.proto
and every frame gets the 10-byte Assay header (u32 length, u8 type, u8 flags,
u32 stream id, big-endian). The field-by-field annotation is read back from the
encoded bytes with the descriptors protoc emits (--descriptor_set_out), so the
annotation cannot drift from the bytes. Needs only python3 and protoc.
"""

import glob
import os
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROTOS = sorted(glob.glob(os.path.join(ROOT, "Protos", "assay", "v1", "*.proto")))

PREFACE = bytes([0x89, 0x41, 0x53, 0x59, 0x0D, 0x0A, 0x1A, 0x0A])
FRAME_TYPES = {
    0x01: "HELLO", 0x02: "OPEN", 0x03: "MESSAGE", 0x04: "CREDIT", 0x05: "STATUS",
    0x06: "CANCEL", 0x07: "PING", 0x08: "PONG", 0x09: "GOAWAY",
}
TYPE_CODES = {name: code for code, name in FRAME_TYPES.items()}
END_STREAM, COMPRESSED = 0x01, 0x02


# --------------------------------------------------------------------------- protoc

def protoc_encode(message_type, text):
    """Binary protobuf encoding of `text` (text format) as assay.v1.<message_type>."""
    rel = [os.path.relpath(p, ROOT) for p in PROTOS]
    out = subprocess.run(
        ["protoc", f"--encode=assay.v1.{message_type}", "-IProtos", *rel],
        input=text.encode("utf-8"), cwd=ROOT, capture_output=True, check=True,
    )
    return out.stdout


def descriptor_set():
    rel = [os.path.relpath(p, ROOT) for p in PROTOS]
    out = subprocess.run(
        ["protoc", "-IProtos", "--include_imports", "--descriptor_set_out=/dev/stdout", *rel],
        cwd=ROOT, capture_output=True, check=True,
    )
    return out.stdout


# --------------------------------------------------------------------------- wire format

def read_varint(data, i):
    value, shift = 0, 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, i


def fields(data):
    """Yields (number, wire_type, start, value_start, end, value) for each field of a message."""
    i = 0
    while i < len(data):
        start = i
        key, i = read_varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value_start = i
            value, i = read_varint(data, i)
        elif wire == 1:
            value_start = i
            value = data[i:i + 8]
            i += 8
        elif wire == 5:
            value_start = i
            value = data[i:i + 4]
            i += 4
        elif wire == 2:
            length, value_start = read_varint(data, i)
            i = value_start + length
            value = data[value_start:i]
        else:
            raise ValueError(f"unsupported wire type {wire}")
        yield number, wire, start, value_start, i, value


def first(data, number):
    return [v for n, _, _, _, _, v in fields(data) if n == number]


# --------------------------------------------------------------------------- descriptors

class Schema:
    """Message and enum descriptors of the .proto files, read from a FileDescriptorSet."""

    def __init__(self, fds):
        self.messages = {}  # ".assay.v1.Name" -> {number: (name, type, type_name, repeated)}
        self.enums = {}     # ".assay.v1.Name" -> {number: name}
        for file_bytes in first(fds, 1):
            package = first(file_bytes, 2)[0].decode()
            for m in first(file_bytes, 4):
                self._message(m, "." + package)
            for e in first(file_bytes, 5):
                self._enum(e, "." + package)

    def _message(self, data, scope):
        name = scope + "." + first(data, 1)[0].decode()
        table = {}
        for f in first(data, 2):
            fname = first(f, 1)[0].decode()
            number = [v for n, _, _, _, _, v in fields(f) if n == 3][0]
            label = [v for n, _, _, _, _, v in fields(f) if n == 4][0]
            ftype = [v for n, _, _, _, _, v in fields(f) if n == 5][0]
            type_name = (first(f, 6) or [b""])[0].decode()
            table[number] = (fname, ftype, type_name, label == 3)
        self.messages[name] = table
        for nested in first(data, 3):
            self._message(nested, name)
        for e in first(data, 4):
            self._enum(e, name)

    def _enum(self, data, scope):
        name = scope + "." + first(data, 1)[0].decode()
        values = {}
        for v in first(data, 2):
            vname = first(v, 1)[0].decode()
            number = ([x for n, _, _, _, _, x in fields(v) if n == 2] or [0])[0]
            values[number] = vname
        self.enums[name] = values


# --------------------------------------------------------------------------- printing

HEX_WIDTH = 16 * 3 - 1
WIRE_NAMES = {0: "VARINT", 1: "I64", 2: "LEN", 5: "I32"}


class Dump:
    """Collects "offset  hex  annotation" lines; offsets count per direction of the connection.

    `direction` is "C>S" (client to server) or "S>C"; each direction has its own byte offset,
    counted from the first byte that side sent, and its own raw byte string.
    """

    def __init__(self):
        self.offsets = {"C>S": 0, "S>C": 0}
        self.raws = {"C>S": bytearray(), "S>C": bytearray()}
        self.lines = []
        self.direction = "C>S"

    def emit(self, data, note, indent=0):
        data = bytes(data)
        chunks = [data[i:i + 16] for i in range(0, len(data), 16)] or [b""]
        for k, chunk in enumerate(chunks):
            hexpart = " ".join(f"{b:02x}" for b in chunk)
            text = ("  " * indent + note) if k == 0 else ""
            offset = self.offsets[self.direction]
            self.lines.append(f"{self.direction} {offset:04x}  {hexpart:<{HEX_WIDTH}}  {text}".rstrip())
            self.offsets[self.direction] += len(chunk)
        self.raws[self.direction] += data

    def heading(self, text):
        self.lines.append(f"          {text}")


def short(text, limit=44):
    text = repr(text)
    if text.startswith("'"):
        text = '"' + text[1:-1].replace('"', '\\"') + '"'
    return text if len(text) <= limit else text[:limit - 4] + '..."'


def scalar(schema, ftype, type_name, value, wire):
    if ftype == 14:
        return schema.enums[type_name].get(value, str(value)) + f" ({value})"
    if ftype == 8:
        return "true" if value else "false"
    if ftype == 1:
        return repr(struct.unpack("<d", value)[0])
    if ftype == 2:
        return repr(struct.unpack("<f", value)[0])
    if ftype in (6, 16):
        return f"0x{struct.unpack('<Q', value)[0]:016x}"
    if ftype in (7, 15):
        return f"0x{struct.unpack('<I', value)[0]:08x}"
    return str(value)


def walk(dump, schema, type_name, data, indent):
    table = schema.messages[type_name]
    for number, wire, start, value_start, end, value in fields(data):
        name, ftype, ftype_name, repeated = table.get(number, (f"field {number}", 0, "", False))
        key = data[start:value_start]
        tag = f"{name} ({number}:{WIRE_NAMES[wire]})"
        if ftype == 11:  # message
            dump.emit(key, f"{tag}: {ftype_name.split('.')[-1]}, {len(value)} bytes", indent)
            walk(dump, schema, ftype_name, value, indent + 1)
        elif ftype in (9, 12):  # string / bytes
            shown = short(value.decode("utf-8")) if ftype == 9 else value.hex()
            dump.emit(data[start:end], f"{tag}: {shown} ({len(value)} bytes)", indent)
        elif wire == 2:  # packed repeated scalars (enums here)
            items, i = [], 0
            while i < len(value):
                v, i = read_varint(value, i)
                items.append(scalar(schema, ftype, ftype_name, v, 0))
            dump.emit(data[start:end], f"{tag}: packed [{', '.join(items)}]", indent)
        else:
            dump.emit(data[start:end], f"{tag}: {scalar(schema, ftype, ftype_name, value, wire)}", indent)


def frame(dump, direction, schema, title, ftype, flags, stream, message_type=None, text=None, payload=None):
    if payload is None:
        payload = protoc_encode(message_type, text) if message_type else b""
    dump.direction = direction
    dump.heading(f"-- {ftype} {'client -> server' if direction == 'C>S' else 'server -> client'}: {title}")
    header = struct.pack(">IBBI", len(payload), TYPE_CODES[ftype], flags, stream)
    names = [n for bit, n in ((END_STREAM, "END_STREAM"), (COMPRESSED, "COMPRESSED")) if flags & bit]
    dump.emit(header[0:4], f"length    = {len(payload)}")
    dump.emit(header[4:5], f"type      = 0x{TYPE_CODES[ftype]:02x} {ftype}")
    dump.emit(header[5:6], f"flags     = 0x{flags:02x}" + (f" {'|'.join(names)}" if names else ""))
    dump.emit(header[6:10], f"stream id = {stream}" + (" (connection)" if stream == 0 else ""))
    if payload:
        if message_type:
            dump.heading(f"   payload: assay.v1.{message_type}, {len(payload)} bytes")
            walk(dump, schema, ".assay.v1." + message_type, payload, 1)
        else:
            dump.emit(payload, "payload")
    elif message_type:
        dump.heading(f"   payload: assay.v1.{message_type}, every field at its default: 0 bytes")


def xxd(data):
    lines = []
    for i in range(0, len(data), 16):
        chunk = data[i:i + 16]
        hexpart = " ".join(f"{b:02x}" for b in chunk)
        text = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in chunk)
        lines.append(f"{i:04x}  {hexpart:<{HEX_WIDTH}}  {text}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- the exchange

BODY = "China tightened gallium export controls."
CHINA_MENTION = """
  mentions {
    span { field: TEXT_FIELD_BODY start: 0 end: 5 }
    text: "China" kind: MENTION_KIND_NAME sentence: 0 paragraph: 0 confidence: 1.0
  }
"""
CHINA = f"""
  id: "country:CN" name: "China" type: ENTITY_TYPE_LOCATION subtype: ENTITY_SUBTYPE_COUNTRY
  wikidata_id: "Q148" {CHINA_MENTION} confidence: 0.99 source: ENTITY_SOURCE_KNOWLEDGE_BASE
"""


def main():
    schema = Schema(descriptor_set())
    x = Dump()  # the exchange, in the order the frames are sent
    C, S = "C>S", "S>C"

    x.heading("-- connection preface, client -> server")
    x.emit(PREFACE, 'preface "\\x89ASY\\r\\n\\x1a\\n"')
    frame(x, C, schema, "Hello", "HELLO", 0, 0, "Hello", """
        versions: 1
        accept_compression: [COMPRESSION_ZLIB, COMPRESSION_NONE]
        auth_token: "demo-key-1"
        limits { initial_stream_credit: 64 }
        agent: "assay-swift/0.1.0"
    """)
    frame(x, S, schema, "HelloAck", "HELLO", 0, 0, "HelloAck", """
        version: 1
        compression: COMPRESSION_ZLIB
        accept_compression: [COMPRESSION_ZLIB, COMPRESSION_NONE]
        limits {
          max_frame_size: 4194304 max_message_size: 4194304 max_concurrent_streams: 100
          max_article_bytes: 1048576 keepalive_interval_ms: 30000 idle_timeout_ms: 300000
          min_compress_size: 512 initial_stream_credit: 64
        }
        agent: "assay-server/0.1.0"
    """)
    frame(x, C, schema, "stream 1, Analyze, 5 s deadline, initial credit 2", "OPEN", 0, 1, "Open", """
        method: "/assay.v1.Assay/Analyze" timeout_ms: 5000 initial_credit: 2
    """)
    frame(x, C, schema, "stream 1, the request (Article), END_STREAM", "MESSAGE", END_STREAM, 1, "Article",
          f'reference: "a1" body: "{BODY}"')
    frame(x, S, schema, "stream 1, event 0 accepted (sequence 0 is the default: not on the wire); "
          "server credit 2 -> 1", "MESSAGE", 0, 1, "AnalysisEvent", """
        reference: "a1" sequence: 0
        accepted { article_id: "5d0b3c1f9a2e4b67" body_bytes: 40 versions { engine: "0.1.0" } }
    """)
    frame(x, S, schema, "stream 1, event 1 entity (start 0, sentence 0, paragraph 0 are defaults); "
          "server credit 1 -> 0, the server pauses", "MESSAGE", 0, 1, "AnalysisEvent", f"""
        reference: "a1" sequence: 1
        entity {{ entity {{ {CHINA} salience: 0.8 }} }}
    """)
    frame(x, C, schema, "stream 1, the client has consumed 2 events and grants 2 more; server credit 0 -> 2",
          "CREDIT", 0, 1, "Credit", "messages: 2")
    frame(x, S, schema, "stream 1, event 2 summary (abridged, see the text); server credit 2 -> 1",
          "MESSAGE", 0, 1, "AnalysisEvent", f"""
        reference: "a1" sequence: 2
        summary {{
          entities {{ {CHINA} salience: 1.0 }}
          risk_scores {{
            category: RISK_CATEGORY_TRADE_RESTRICTION score: 42 value: 0.42
            contributions {{
              cue: "export controls" weight: 0.42 modality: MODALITY_ASSERTED
              evidence {{ span {{ field: TEXT_FIELD_BODY start: 24 end: 39 }} text: "export controls" }}
              entity_ids: "country:CN"
            }}
          }}
          overall {{ score: 42 value: 0.42 }}
          paragraphs: 1 sentences: 1 tokens: 6
        }}
    """)
    frame(x, S, schema, "stream 1, OK; closes the stream (STATUS needs no credit)", "STATUS", 0, 1, "Status",
          "code: STATUS_CODE_OK")

    g = Dump()
    frame(g, S, schema, "graceful shutdown; streams up to 7 run to completion, later ones were not processed",
          "GOAWAY", 0, 0, "GoAway", """
        last_stream_id: 7 reason: GO_AWAY_REASON_SHUTDOWN code: STATUS_CODE_UNAVAILABLE
        message: "server shutting down"
    """)
    e = Dump()
    frame(e, S, schema, "stream 3, the article body is over max_article_bytes", "STATUS", 0, 3, "Status", """
        code: STATUS_CODE_INVALID_ARGUMENT
        message: "article body is 2000000 bytes; max_article_bytes is 1048576"
        details { key: "max_article_bytes" value: "1048576" }
    """)

    out = sys.stdout
    out.write("<!-- BEGIN GENERATED HEXDUMP (python3 Scripts/protocol-hexdump.py) -->\n")
    out.write("```\n" + "\n".join(x.lines) + "\n```\n\n")
    out.write("The same bytes without annotation, one byte stream per direction (usable as test vectors):\n\n")
    for d, name in ((C, "client -> server"), (S, "server -> client")):
        out.write(f"```\n{name}, {len(x.raws[d])} bytes\n{xxd(x.raws[d])}\n```\n\n")
    out.write("A GOAWAY (graceful shutdown) and a STATUS carrying an error:\n\n")
    out.write("```\n" + "\n".join(g.lines) + "\n\n" + "\n".join(e.lines) + "\n```\n")
    out.write("<!-- END GENERATED HEXDUMP -->\n")


if __name__ == "__main__":
    main()
