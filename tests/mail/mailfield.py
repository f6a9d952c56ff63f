#!/usr/bin/python3
"""Prints one field of a delivered message, as a mail client reads it.

   mailfield.py FILE FIELD
   FIELD: subject (RFC 2047 decoded), to-name, to-addr, from-addr, from-name,
   raw:NAME (the header as it stands in the file), body (decoded, UTF-8),
   charset, cte (Content-Transfer-Encoding), ctype, date-utc (the Date header
   parsed by RFC 5322 rules, as YYYY-MM-DDTHH:MM:SSZ; "bad" when it is not),
   ascii-headers ("yes" when the header block is 7-bit ASCII)
"""
import email
import email.policy
import email.utils
import sys

path, field = sys.argv[1], sys.argv[2]
raw = open(path, "rb").read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
if field.startswith("raw:"):
    old = email.message_from_bytes(raw, policy=email.policy.compat32)
    print(old.get(field[4:], ""))
elif field == "subject":
    print(str(msg["subject"]))
elif field in ("to-name", "to-addr", "from-name", "from-addr"):
    h = msg["to" if field.startswith("to") else "from"]
    a = h.addresses[0]
    print(a.display_name if field.endswith("name") else a.addr_spec)
elif field == "body":
    sys.stdout.write(msg.get_content())
elif field == "charset":
    print(msg.get_content_charset())
elif field == "cte":
    print(msg.get("content-transfer-encoding", ""))
elif field == "ctype":
    print(msg.get_content_type())
elif field == "date-utc":
    try:
        d = email.utils.parsedate_to_datetime(str(msg["date"]))
        print(d.astimezone(__import__("datetime").timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    except Exception:
        print("bad")
elif field == "ascii-headers":
    head = raw.split(b"\n\n", 1)[0]
    print("yes" if all(b < 128 for b in head) else "no")
else:
    sys.exit("unknown field " + field)
