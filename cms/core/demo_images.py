"""Illustrations for the demo content, drawn by this code with Pillow at load time.

No photos, no third-party files: every picture is made of shapes from a fixed random seed, so
the demo looks the same on every machine, the repository stays small and the pictures carry
no licence restrictions (docs/demo-content.md). Each picture has a bokmål description, used as
the Wagtail image's description and as the alternative text of the pages showing it."""

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900


@dataclass(frozen=True)
class Illustration:
    key: str
    title: str
    alt: str
    alt_en: str = ""


ILLUSTRATIONS = {
    item.key: item
    for item in [
        Illustration(
            "fjord",
            "Illustrasjon – fjord ved morgengry",
            "Tegning av en fjord i morgenlys, med blå fjell, en liten by ved vannet og en ferje.",
            "Drawing of a fjord in morning light, with blue mountains, a small town by the water and a ferry.",
        ),
        Illustration(
            "bryggen",
            "Illustrasjon – trehus ved kaia",
            "Tegning av fargerike trehus med spisse gavler langs en kai, med fjell bak.",
        ),
        Illustration(
            "meeting",
            "Illustrasjon – møte rundt bordet",
            "Tegning av fem personer rundt et møtebord i et lyst rom med storskjerm og utsikt mot fjellet.",
        ),
        Illustration(
            "posters",
            "Illustrasjon – postersesjon",
            "Tegning av deltakere som går mellom postertavler og snakker sammen på en konferanse.",
        ),
        Illustration(
            "auditorium",
            "Illustrasjon – full konferansesal",
            "Tegning av en full sal sett bakfra, med en foredragsholder ved talerstolen foran et stort lerret.",
        ),
        Illustration(
            "network",
            "Illustrasjon – kommuner i nettverk",
            "Kartskisse av en kyst med øyer og fjorder der kommunene er prikker bundet sammen av linjer.",
        ),
    ]
}


def _gradient(top: tuple, bottom: tuple, size=(WIDTH, HEIGHT)) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return image


def _ridge(rng: random.Random, base: float, amplitude: float, roughness: int = 7) -> list[tuple[float, float]]:
    """A mountain ridge: a sum of a few sine waves with random phases, then jitter."""
    waves = [(rng.uniform(0.6, 3.5), rng.uniform(0, math.tau), rng.uniform(0.3, 1.0)) for _ in range(roughness)]
    points = []
    for x in range(0, WIDTH + 20, 20):
        y = base - amplitude * sum(w * math.sin(f * x / WIDTH * math.pi + p) for f, p, w in waves) / roughness
        points.append((x, y + rng.uniform(-6, 6)))
    return points


def _mountains(draw: ImageDraw.ImageDraw, rng: random.Random, layers: list[tuple[tuple, float, float]]) -> None:
    for colour, base, amplitude in layers:
        ridge = _ridge(rng, base, amplitude)
        draw.polygon([(0, HEIGHT), *ridge, (WIDTH, HEIGHT)], fill=colour)


def _person(draw: ImageDraw.ImageDraw, x: float, y: float, scale: float, shirt: tuple, skin: tuple, hair: tuple):
    """A seated or standing figure seen from the front: head, hair and shoulders."""
    r = 22 * scale
    draw.rounded_rectangle((x - 2.1 * r, y + 1.1 * r, x + 2.1 * r, y + 5 * r), radius=r * 1.3, fill=shirt)
    draw.ellipse((x - r, y - r, x + r, y + r), fill=skin)
    draw.chord((x - r * 1.05, y - r * 1.15, x + r * 1.05, y + r * 0.7), 180, 360, fill=hair)


SKIN = [(241, 204, 170), (224, 172, 135), (198, 140, 100), (141, 92, 62), (250, 220, 196)]
HAIR = [(60, 40, 30), (30, 30, 35), (150, 100, 50), (210, 180, 120), (120, 120, 125)]
SHIRTS = [(15, 95, 143), (42, 138, 128), (193, 88, 60), (240, 190, 70), (90, 70, 140), (60, 60, 70), (200, 80, 120)]


def draw_fjord(rng: random.Random) -> Image.Image:
    image = _gradient((250, 214, 170), (160, 205, 225))
    draw = ImageDraw.Draw(image)
    draw.ellipse((1080, 150, 1240, 310), fill=(255, 236, 190))
    _mountains(draw, rng, [((120, 150, 180), 430, 260), ((80, 115, 150), 500, 220), ((45, 80, 110), 560, 160)])
    water = _gradient((70, 120, 150), (20, 60, 90), (WIDTH, HEIGHT - 600))
    image.paste(water, (0, 600))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.uniform(0, WIDTH), rng.uniform(620, HEIGHT)
        draw.line([(x, y), (x + rng.uniform(30, 120), y)], fill=(150, 190, 210), width=2)
    # A small town on the shore.
    for i in range(14):
        x = 180 + i * 34 + rng.uniform(-6, 6)
        h = rng.uniform(26, 50)
        colour = rng.choice([(240, 240, 235), (200, 60, 50), (240, 200, 90), (250, 250, 250)])
        draw.rectangle((x, 600 - h, x + 28, 600), fill=colour)
        draw.polygon([(x - 3, 600 - h), (x + 14, 600 - h - 16), (x + 31, 600 - h)], fill=(70, 60, 60))
    # The ferry.
    draw.polygon([(900, 700), (1120, 700), (1095, 735), (925, 735)], fill=(245, 245, 245))
    draw.rectangle((960, 672, 1060, 700), fill=(200, 50, 45))
    draw.rectangle((1000, 650, 1030, 672), fill=(30, 30, 35))
    return image


def draw_bryggen(rng: random.Random) -> Image.Image:
    image = _gradient((205, 225, 240), (240, 240, 235))
    draw = ImageDraw.Draw(image)
    _mountains(draw, rng, [((110, 140, 120), 360, 200), ((70, 105, 85), 420, 160)])
    colours = [(185, 50, 40), (240, 190, 70), (245, 240, 225), (200, 110, 50), (150, 40, 40), (235, 225, 200)]
    x = -20
    while x < WIDTH:
        w = rng.randint(110, 170)
        h = rng.randint(260, 340)
        top = 700 - h
        colour = rng.choice(colours)
        draw.rectangle((x, top, x + w, 700), fill=colour)
        draw.polygon([(x - 4, top), (x + w / 2, top - w * 0.55), (x + w + 4, top)], fill=colour)
        draw.line([(x - 4, top), (x + w / 2, top - w * 0.55), (x + w + 4, top)], fill=(60, 45, 40), width=5)
        for row in range(3):
            for col in range(2):
                wx = x + w * (0.2 + col * 0.42)
                wy = top + 30 + row * 70
                draw.rectangle((wx, wy, wx + w * 0.2, wy + 42), fill=(250, 250, 245), outline=(60, 45, 40), width=3)
        draw.line([(x + w, top), (x + w, 700)], fill=(60, 45, 40), width=3)
        x += w
    draw.rectangle((0, 700, WIDTH, 760), fill=(120, 100, 80))
    water = _gradient((60, 100, 130), (25, 55, 80), (WIDTH, HEIGHT - 760))
    image.paste(water, (0, 760))
    return image


def draw_meeting(rng: random.Random) -> Image.Image:
    image = _gradient((246, 244, 238), (226, 222, 214))
    draw = ImageDraw.Draw(image)
    # A window with the mountain view, and a screen on the wall.
    draw.rectangle((90, 90, 620, 430), fill=(180, 215, 235), outline=(250, 250, 250), width=14)
    draw.polygon([(104, 430), (104, 300), (250, 200), (400, 280), (606, 190), (606, 430)], fill=(90, 130, 120))
    draw.line([(355, 90), (355, 430)], fill=(250, 250, 250), width=10)
    draw.rectangle((860, 110, 1420, 420), fill=(20, 40, 60))
    draw.rectangle((885, 135, 1395, 395), fill=(235, 245, 250))
    for i, height in enumerate([120, 170, 90, 200, 150]):
        draw.rectangle((940 + i * 80, 360 - height, 990 + i * 80, 360), fill=(15, 95, 143) if i % 2 else (42, 138, 128))
    draw.rectangle((0, 600, WIDTH, HEIGHT), fill=(200, 190, 175))
    seats = [(330, 560), (560, 540), (800, 530), (1040, 540), (1270, 560)]
    for x, y in seats:
        _person(draw, x, y, 1.8, rng.choice(SHIRTS), rng.choice(SKIN), rng.choice(HAIR))
    draw.polygon([(180, 700), (1420, 700), (1560, 880), (40, 880)], fill=(150, 105, 70))
    draw.polygon([(180, 700), (1420, 700), (1430, 715), (170, 715)], fill=(175, 130, 90))
    for x in (420, 700, 980, 1250):
        draw.rectangle((x, 740, x + 110, 800), fill=(250, 250, 248))
        draw.ellipse((x + 130, 745, x + 170, 785), fill=(240, 240, 240), outline=(120, 90, 60), width=4)
    return image


def draw_posters(rng: random.Random) -> Image.Image:
    image = _gradient((236, 240, 244), (214, 220, 226))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 640, WIDTH, HEIGHT), fill=(170, 160, 150))
    for i in range(5):
        x = 60 + i * 310
        draw.rectangle((x, 130, x + 250, 560), fill=(250, 250, 250), outline=(90, 90, 100), width=4)
        draw.rectangle((x + 20, 150, x + 230, 190), fill=rng.choice(SHIRTS))
        for row in range(5):
            draw.rectangle(
                (x + 20, 210 + row * 26, x + 20 + rng.randint(120, 210), 222 + row * 26), fill=(150, 155, 165)
            )
        draw.rectangle((x + 20, 350, x + 120, 450), fill=rng.choice([(42, 138, 128), (240, 190, 70), (193, 88, 60)]))
        draw.pieslice((x + 135, 350, x + 230, 445), 0, rng.randint(120, 300), fill=(15, 95, 143))
        draw.line([(x + 60, 560), (x + 40, 650)], fill=(90, 90, 100), width=6)
        draw.line([(x + 190, 560), (x + 210, 650)], fill=(90, 90, 100), width=6)
    people = sorted((rng.uniform(80, 1520), rng.uniform(560, 640)) for _ in range(9))
    for x, y in sorted(people, key=lambda point: point[1]):
        _person(draw, x, y, 1.6 + (y - 560) / 160, rng.choice(SHIRTS), rng.choice(SKIN), rng.choice(HAIR))
    return image


def draw_auditorium(rng: random.Random) -> Image.Image:
    image = _gradient((60, 45, 50), (30, 25, 30))
    draw = ImageDraw.Draw(image)
    draw.rectangle((430, 70, 1170, 440), fill=(245, 245, 240))
    draw.rectangle((470, 110, 1130, 170), fill=(15, 95, 143))
    for row in range(4):
        draw.rectangle((470, 200 + row * 50, 470 + rng.randint(300, 640), 222 + row * 50), fill=(150, 160, 170))
    draw.rectangle((0, 470, WIDTH, 520), fill=(120, 80, 55))
    draw.rectangle((1230, 380, 1310, 520), fill=(90, 60, 40))
    _person(draw, 1270, 320, 1.3, (42, 138, 128), rng.choice(SKIN), rng.choice(HAIR))
    draw.rectangle((1230, 380, 1310, 520), fill=(90, 60, 40))
    for row in range(5):
        y = 560 + row * 75
        scale = 1.4 + row * 0.25
        x = rng.uniform(-40, 20)
        while x < WIDTH + 60:
            r = 22 * scale
            draw.rounded_rectangle((x - 2 * r, y + r, x + 2 * r, y + 5 * r), radius=r, fill=rng.choice(SHIRTS))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(HAIR))
            x += r * 4.4 + rng.uniform(0, 12)
    return image


def draw_network(rng: random.Random) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), (205, 228, 238))
    draw = ImageDraw.Draw(image)
    land = [(WIDTH, 0), (WIDTH, HEIGHT)]
    coast = []
    for i in range(0, HEIGHT + 30, 30):
        coast.append((620 + 140 * math.sin(i / 90) + rng.uniform(-40, 40), i))
    draw.polygon([*land, *reversed(coast)], fill=(226, 232, 214))
    for _ in range(6):
        y = rng.uniform(60, HEIGHT - 60)
        length = rng.uniform(250, 500)
        draw.line([(600, y), (600 + length, y + rng.uniform(-60, 60))], fill=(205, 228, 238), width=rng.randint(14, 26))
    for _ in range(14):
        x, y = rng.uniform(150, 560), rng.uniform(40, HEIGHT - 40)
        r = rng.uniform(14, 50)
        draw.ellipse((x - r, y - r * 0.6, x + r, y + r * 0.6), fill=(226, 232, 214))
    image = image.filter(ImageFilter.GaussianBlur(2))
    draw = ImageDraw.Draw(image)
    points = [(rng.uniform(250, 1450), rng.uniform(90, HEIGHT - 90)) for _ in range(11)]
    hub = (900, 460)
    for point in points:
        draw.line([hub, point], fill=(15, 95, 143), width=4)
    for a, b in zip(points, points[1:], strict=False):
        if rng.random() < 0.4:
            draw.line([a, b], fill=(42, 138, 128), width=3)
    for x, y in points:
        draw.ellipse((x - 16, y - 16, x + 16, y + 16), fill=(255, 255, 255), outline=(15, 95, 143), width=6)
    draw.ellipse(
        (hub[0] - 30, hub[1] - 30, hub[0] + 30, hub[1] + 30), fill=(240, 190, 70), outline=(11, 59, 92), width=8
    )
    return image


DRAWERS = {
    "fjord": draw_fjord,
    "bryggen": draw_bryggen,
    "meeting": draw_meeting,
    "posters": draw_posters,
    "auditorium": draw_auditorium,
    "network": draw_network,
}


def render(key: str, seed: int = 2026) -> bytes:
    """The illustration ``key`` as a JPEG (the same bytes for the same seed)."""
    rng = random.Random(f"{key}-{seed}")
    image = DRAWERS[key](rng)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def demo_image(key: str):
    """The Wagtail image for illustration ``key``, created on first use (idempotent)."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    illustration = ILLUSTRATIONS[key]
    Image_ = get_image_model()
    image = Image_.objects.filter(title=illustration.title).first()
    if image is None:
        image = Image_(title=illustration.title, description=illustration.alt)
        image.file = ImageFile(io.BytesIO(render(key)), name=f"demo-{key}.jpg")
        image.save()
    return image
