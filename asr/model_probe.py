"""`python -m asr.model_probe PATH`: load a model and decode a little audio, in a child process.

Exit 0 and print JSON if the model works; otherwise Vosk's error is on stderr
(or the process was killed by Kaldi's abort, which is why this is a child).
"""

from __future__ import annotations

import json
import sys

from hotline.asr.model import ModelError, probe_result


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m asr.model_probe MODEL_DIR", file=sys.stderr)
        return 2
    try:
        result = probe_result(argv[1])
    except ModelError as exc:
        print(f"probe: {exc.problem}", file=sys.stderr)
        return 1
    except Exception as exc:  # vosk raises a bare Exception after logging Kaldi's reason
        print(f"probe: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
