"""Bit layouts and ranges of the floating-point formats used in training.

A binary float with e exponent bits, m mantissa bits and bias 2^(e-1) - 1 stores
(-1)^sign * 1.mantissa * 2^(exponent - bias) for normal numbers and
0.mantissa * 2^(1 - bias) for subnormals. IEEE-style formats (fp32, fp16, bf16,
E5M2) reserve the all-ones exponent for infinity and NaN. E4M3 in its "fn" variant
(Micikevicius et al., 2022; torch.float8_e4m3fn) has no infinity and uses only the
all-ones bit pattern for NaN, so its all-ones exponent still holds numbers up to 448.
The answer's snippet prints the same numbers from torch.finfo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .svg import bar_chart


@dataclass(frozen=True)
class FloatFormat:
    name: str
    exponent: int
    mantissa: int
    ieee_special: bool = True  # all-ones exponent reserved for inf/NaN

    @property
    def bits(self) -> int:
        return 1 + self.exponent + self.mantissa

    @property
    def bias(self) -> int:
        return 2 ** (self.exponent - 1) - 1

    @property
    def max(self) -> float:
        if self.ieee_special:
            return (2 - 2.0**-self.mantissa) * 2.0 ** (2**self.exponent - 2 - self.bias)
        # all-ones exponent is usable; only mantissa all-ones there is NaN
        return (2 - 2.0 ** (1 - self.mantissa)) * 2.0 ** (2**self.exponent - 1 - self.bias)

    @property
    def smallest_normal(self) -> float:
        return 2.0 ** (1 - self.bias)

    @property
    def smallest_subnormal(self) -> float:
        return 2.0 ** (1 - self.bias - self.mantissa)

    @property
    def eps(self) -> float:
        """Gap between 1 and the next representable number."""
        return 2.0**-self.mantissa

    @property
    def decimal_digits(self) -> float:
        return (self.mantissa + 1) * math.log10(2)


FORMATS = (
    FloatFormat("fp32", 8, 23),
    FloatFormat("fp16", 5, 10),
    FloatFormat("bf16", 8, 7),
    FloatFormat("fp8 E4M3", 4, 3, ieee_special=False),
    FloatFormat("fp8 E5M2", 5, 2),
)


def data() -> list[FloatFormat]:
    return list(FORMATS)


def _g(value: float) -> str:
    return f"{value:.3g}".replace("e+", "e").replace("e-0", "e-").replace("e0", "e")


def figure() -> dict:
    formats = data()
    chart = bar_chart(
        [
            {
                "label": f.name.removeprefix("fp8 "),
                "segments": [1, f.exponent, f.mantissa],
                "total_label": f"{f.bits} bits",
            }
            for f in formats
        ],
        y_ticks=[(v, str(v)) for v in range(0, 33, 8)],
        y_label="bits",
        segment_names=["sign", "exponent (range)", "mantissa (precision)"],
    )
    return {
        "id": "float-formats",
        "title": "Bit layouts and ranges of fp32, fp16, bf16 and the two fp8 formats",
        "summary": (
            "bf16 keeps fp32's 8 exponent bits, so it has fp32's range with 7 mantissa bits of precision; fp16 "
            f"spends more bits on the mantissa and overflows above {formats[1].max:,.0f}. fp8 E4M3 reaches "
            f"{formats[3].max:,.0f} with 3 mantissa bits; E5M2 reaches {formats[4].max:,.0f} with 2."
        ),
        "chart": chart,
        "table": {
            "columns": [
                "Format",
                "Sign / exponent / mantissa bits",
                "Largest finite",
                "Smallest normal",
                "Smallest subnormal",
                "Gap above 1 (eps)",
                "Decimal digits",
            ],
            "rows": [
                [
                    f.name,
                    f"1 / {f.exponent} / {f.mantissa}",
                    f"{f.max:,.0f}" if f.max < 1e6 else _g(f.max),
                    _g(f.smallest_normal),
                    _g(f.smallest_subnormal),
                    _g(f.eps),
                    f"{f.decimal_digits:.1f}",
                ]
                for f in formats
            ],
        },
        "note": "Computed from the bit layouts: exponent bias 2^(e-1) - 1; the all-ones exponent is reserved for "
        "infinity and NaN except in E4M3 (the OCP/NVIDIA 'fn' variant, torch.float8_e4m3fn), which has no infinity. "
        "Decimal digits = (mantissa bits + 1) x log10 2.",
    }
