"""Write the stand-in pictures of "Reform and Opening: China 1978-1992".

The lecture's real photographs and posters are not in the repository. This script draws plausible abstract
illustrations instead (gradients, a few simple shapes and a label naming what the real photograph shows), in the
odd sizes the deck has to cope with: a 4000x600 panorama, a 120x90 thumbnail, a 600x1400 poster, a square, a
large landscape, a portrait and a few ordinary shapes. Replace any file with the real picture under the same name.

Run from anywhere:  python examples/reform-era/assets/pictures/make_pictures.py
The output is deterministic (no randomness, fixed JPEG settings), so rerunning it changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT_FILES = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def font(size: int) -> ImageFont.ImageFont:
    """DejaVu Sans Bold at `size` pixels, or Pillow's built-in font when DejaVu is not installed."""
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def gradient(width: int, height: int, top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """A vertical gradient from `top` to `bottom`."""
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(height - 1, 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return column.resize((width, height))


def label(image: Image.Image, text: str, size: int, *, fill=(255, 255, 255), box=(0, 0, 0, 150),
          position: str = "bottom") -> None:
    """Write `text` on a translucent band at the bottom (or top) of the picture."""
    draw = ImageDraw.Draw(image, "RGBA")
    face = font(size)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=face)
    pad = max(2, size // 3)
    width, height = right - left + 2 * pad, bottom - top + 2 * pad
    x = (image.width - width) // 2
    y = image.height - height - pad if position == "bottom" else pad
    draw.rectangle((x, y, x + width, y + height), fill=box)
    draw.text((x + pad - left, y + pad - top), text, font=face, fill=fill)


def save(image: Image.Image, name: str, quality: int = 78) -> None:
    """Write PNG losslessly, JPEG at `quality` (lower for the largest pictures, to stay under ~150 KB)."""
    path = HERE / name
    if path.suffix == ".png":
        image.save(path, optimize=True)
    else:
        image.save(path, quality=quality, optimize=True, progressive=False, subsampling=2)
    print(f"{name}: {image.width}x{image.height}, {path.stat().st_size // 1024} KB")


def shenzhen_skyline() -> None:
    """4000x600 panorama: dusk sky, a row of towers of different heights, water in front."""
    w, h = 4000, 600
    img = gradient(w, h, (250, 196, 140), (92, 110, 160))
    draw = ImageDraw.Draw(img)
    x = 40
    heights = [180, 260, 220, 340, 300, 150, 410, 280, 230, 360, 200, 310, 440, 260, 190, 330, 270, 210]
    i = 0
    while x < w - 120:
        bh = heights[i % len(heights)]
        bw = 110 + (i * 37) % 90
        shade = 40 + (i * 13) % 40
        draw.rectangle((x, 470 - bh, x + bw, 470), fill=(shade, shade + 8, shade + 25))
        for wy in range(470 - bh + 18, 462, 28):
            for wx in range(x + 12, x + bw - 14, 22):
                if (wx + wy + i) % 3:
                    draw.rectangle((wx, wy, wx + 8, wy + 12), fill=(255, 226, 150))
        x += bw + 24 + (i * 11) % 30
        i += 1
    draw.rectangle((0, 470, w, h), fill=(50, 74, 112))
    for y in range(490, h, 30):
        draw.line((0, y, w, y), fill=(70, 98, 140), width=2)
    label(img, "Shenzhen skyline from Shenzhen Bay (stand-in for a panoramic photograph)", 40, position="top")
    save(img, "shenzhen-skyline-panorama.jpg", quality=56)


def xiamen_harbour() -> None:
    """120x90 thumbnail: harbour water, a hull and a crane."""
    img = gradient(120, 90, (170, 205, 230), (40, 90, 140))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 60, 120, 90), fill=(30, 70, 115))
    draw.polygon([(18, 58), (92, 58), (84, 70), (24, 70)], fill=(150, 40, 40))
    draw.rectangle((40, 46, 70, 58), fill=(235, 235, 225))
    draw.line((100, 20, 100, 60), fill=(240, 170, 40), width=3)
    draw.line((80, 22, 112, 22), fill=(240, 170, 40), width=3)
    label(img, "Xiamen harbour", 10)
    save(img, "xiamen-harbour-thumbnail.jpg")


def countryside_poster() -> None:
    """600x1400 poster: sun, rows of fields and a grain-sheaf shape, slogan band."""
    w, h = 600, 1400
    img = gradient(w, h, (214, 38, 40), (250, 200, 70))
    draw = ImageDraw.Draw(img)
    draw.ellipse((170, 120, 430, 380), fill=(255, 228, 120))
    for k in range(16):
        y = 640 + k * 38
        draw.rectangle((0, y, w, y + 22), fill=(70 + k * 6, 140 + k * 4, 60))
    for k in range(9):
        x = 210 + k * 20
        draw.line((300, 1180, x, 880), fill=(240, 190, 40), width=9)
    draw.rectangle((250, 1150, 350, 1200), fill=(190, 120, 30))
    label(img, "Poster", 34, position="top")
    label(img, "Bumper harvest", 44, box=(120, 0, 0, 190))
    save(img, "new-countryside-poster.png")


def democracy_wall() -> None:
    """900x900 square: a grey brick wall covered with paper sheets, people in front."""
    img = gradient(900, 900, (200, 200, 196), (150, 148, 140))
    draw = ImageDraw.Draw(img)
    for row, y in enumerate(range(0, 620, 40)):
        offset = 0 if row % 2 else 60
        for x in range(-offset, 900, 120):
            draw.rectangle((x + 3, y + 3, x + 117, y + 37), outline=(130, 128, 120), width=2)
    for k in range(14):
        x, y = 40 + (k * 131) % 780, 60 + (k * 89) % 430
        draw.rectangle((x, y, x + 110, y + 150), fill=(248, 246, 236), outline=(120, 120, 120))
        for line in range(y + 18, y + 140, 16):
            draw.line((x + 12, line, x + 98, line), fill=(60, 60, 60), width=2)
    draw.rectangle((0, 620, 900, 900), fill=(110, 104, 96))
    for k in range(11):
        x = 30 + k * 80
        draw.ellipse((x + 10, 600, x + 50, 640), fill=(40, 36, 34))
        draw.rectangle((x, 640, x + 60, 800), fill=(30 + k * 8, 50, 80))
    label(img, "Democracy Wall, Xidan, Beijing", 36)
    save(img, "democracy-wall-square.jpg")


def xiaogang_fields() -> None:
    """3000x2000 landscape: low hills, paddy fields in strips, a mud-brick house."""
    w, h = 3000, 2000
    img = gradient(w, h, (190, 215, 235), (235, 235, 220))
    draw = ImageDraw.Draw(img)
    draw.polygon([(0, 900), (700, 640), (1400, 860), (2100, 600), (3000, 880), (3000, 2000), (0, 2000)],
                 fill=(120, 150, 110))
    for k in range(12):
        y = 980 + k * 85
        tone = (95 + (k % 3) * 25, 150 + (k % 2) * 30, 70)
        draw.polygon([(0, y), (w, y - 60), (w, y + 25), (0, y + 85)], fill=tone)
        draw.line((0, y, w, y - 60), fill=(90, 80, 50), width=6)
    draw.rectangle((2050, 880, 2550, 1180), fill=(176, 140, 100))
    draw.polygon([(2000, 890), (2300, 700), (2600, 890)], fill=(140, 120, 80))
    draw.rectangle((2260, 1020, 2340, 1180), fill=(80, 60, 40))
    label(img, "Fields of Xiaogang village, Fengyang county, Anhui", 84)
    save(img, "xiaogang-fields.jpg", quality=62)


def electronics_worker() -> None:
    """1200x1600 portrait: a worker at a bench with circuit boards."""
    w, h = 1200, 1600
    img = gradient(w, h, (225, 232, 238), (150, 170, 190))
    draw = ImageDraw.Draw(img)
    draw.ellipse((470, 260, 730, 520), fill=(225, 185, 150))
    draw.pieslice((450, 230, 750, 470), 180, 360, fill=(40, 40, 45))
    draw.rounded_rectangle((360, 520, 840, 1120), radius=80, fill=(70, 110, 150))
    draw.rectangle((100, 1080, 1100, 1180), fill=(120, 90, 60))
    for k in range(5):
        x = 170 + k * 180
        draw.rectangle((x, 1000, x + 140, 1080), fill=(30, 120, 70))
        for j in range(4):
            draw.rectangle((x + 15 + j * 30, 1020, x + 30 + j * 30, 1040), fill=(220, 200, 80))
    label(img, "Assembly line worker, Shekou, 1980s", 52)
    save(img, "electronics-worker-portrait.jpg")


def gaokao_1977() -> None:
    """1024x768: an examination hall, rows of desks and candidates."""
    img = gradient(1024, 768, (240, 236, 222), (200, 190, 170))
    draw = ImageDraw.Draw(img)
    draw.rectangle((312, 40, 712, 200), fill=(40, 70, 50), outline=(120, 90, 60), width=8)
    for row in range(4):
        for col in range(6):
            x, y = 60 + col * 160, 260 + row * 110
            draw.rectangle((x, y + 50, x + 120, y + 70), fill=(150, 100, 60))
            draw.ellipse((x + 40, y, x + 80, y + 40), fill=(40, 34, 30))
            draw.rectangle((x + 35, y + 38, x + 85, y + 60), fill=(60 + row * 20, 80, 110))
    label(img, "University entrance examination, December 1977", 30)
    save(img, "gaokao-1977.jpg")


def shekou_port() -> None:
    """1920x1080: container cranes and stacked containers at a port."""
    w, h = 1920, 1080
    img = gradient(w, h, (160, 190, 220), (230, 225, 210))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 760, w, h), fill=(60, 90, 120))
    palette = [(180, 60, 50), (40, 100, 160), (220, 160, 40), (60, 130, 80), (150, 150, 150)]
    for k in range(40):
        x, y = 80 + (k % 10) * 170, 560 + (k // 10) * 50
        draw.rectangle((x, y, x + 160, y + 46), fill=palette[k % len(palette)], outline=(30, 30, 30))
    for x in (300, 900, 1500):
        draw.line((x, 760, x, 200), fill=(220, 90, 40), width=18)
        draw.line((x - 150, 220, x + 260, 220), fill=(220, 90, 40), width=16)
        draw.line((x, 200, x + 200, 230), fill=(220, 90, 40), width=6)
    label(img, "Container terminal at Shekou, Shenzhen", 48)
    save(img, "shekou-port.jpg")


def deng_billboard() -> None:
    """1600x1200: a large roadside billboard above a boulevard with trees."""
    w, h = 1600, 1200
    img = gradient(w, h, (135, 185, 225), (225, 230, 235))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 900, w, h), fill=(90, 90, 95))
    draw.line((0, 1050, w, 1050), fill=(240, 240, 240), width=8)
    draw.rectangle((760, 620, 840, 900), fill=(110, 110, 110))
    draw.rectangle((200, 160, 1400, 640), fill=(250, 245, 235), outline=(120, 30, 30), width=14)
    draw.rectangle((240, 200, 760, 600), fill=(200, 60, 50))
    draw.ellipse((420, 260, 580, 420), fill=(230, 190, 160))
    draw.rectangle((400, 420, 600, 600), fill=(60, 70, 90))
    for k in range(6):
        y = 260 + k * 55
        draw.rectangle((820, y, 1340, y + 24), fill=(150, 40, 40))
    for x in range(60, w, 220):
        draw.ellipse((x, 760, x + 140, 900), fill=(60, 130, 70))
    label(img, "Billboard of Deng Xiaoping, Shennan Road, Shenzhen", 46)
    save(img, "deng-billboard.jpg")


if __name__ == "__main__":
    shenzhen_skyline()
    xiamen_harbour()
    countryside_poster()
    democracy_wall()
    xiaogang_fields()
    electronics_worker()
    gaokao_1977()
    shekou_port()
    deng_billboard()
