"""Prints {"NAME": "plaintext", ...} for the names given, asking for each one twice to show that the second
time is served from memory. Used by the compatibility tests; not for production use (it prints secrets)."""

import json
import sys

from secret_baker import get_secret

if __name__ == "__main__":
    out = {}
    try:
        for name in sys.argv[1:]:
            out[name] = get_secret(name)
            get_secret(name)
    except Exception as error:  # report and fail, as a function would
        sys.stderr.write("%s: %s\n" % (type(error).__name__, error))
        sys.exit(1)
    sys.stdout.write(json.dumps(out))
