/*
 * The host's standard input as a console's key events. A Windows console
 * reads its keyboard; ntmm's reads the bytes the host gives (a terminal's
 * keys, or a pipe's text) and turns each into the KEY_EVENT records the
 * key would have made: a key-down then a key-up, with the virtual-key
 * code, the scan code and the character (winuser.h's VK_* values, the
 * scan codes of a US keyboard).
 *
 * - Printable text, UTF-8 decoded: the character, the key that types it
 *   on a US keyboard (letters and digits their own VK; SHIFT_PRESSED for
 *   capitals), others with their OEM key when they have one.
 * - CR or LF (a CR LF pair is one key): Enter, VK_RETURN, character '\r'.
 *   TAB: VK_TAB. DEL and BS: Backspace, VK_BACK, character 8. ESC alone:
 *   VK_ESCAPE.
 * - Ctrl+letter (bytes 1 to 26 besides those): the letter's VK with
 *   LEFT_CTRL_PRESSED and the control character.
 * - A terminal's sequences for the editing keys, VT100 and xterm: ESC [ A
 *   to D and ESC O A to D the arrows, ESC [ H / F and ESC O H / F Home and
 *   End, ESC [ n ~ Home (1, 7), Insert (2), Delete (3), End (4, 8), Page
 *   Up (5), Page Down (6): the key's VK, no character, ENHANCED_KEY.
 */
#include "ke/conp.h"

#include <string.h>

#define VK_BACK   0x08
#define VK_TAB    0x09
#define VK_RETURN 0x0D
#define VK_ESCAPE 0x1B
#define VK_SPACE  0x20
#define VK_PRIOR  0x21
#define VK_NEXT   0x22
#define VK_END    0x23
#define VK_HOME   0x24
#define VK_LEFT   0x25
#define VK_UP     0x26
#define VK_RIGHT  0x27
#define VK_DOWN   0x28
#define VK_INSERT 0x2D
#define VK_DELETE 0x2E

#define SHIFT_PRESSED     0x0010u
#define LEFT_CTRL_PRESSED 0x0008u
#define ENHANCED_KEY      0x0100u

/* Scan codes (set 1) of the keys a VK names, on a US keyboard. */
static uint16_t ScanCode(uint16_t vk)
{
    static const char letters[] = "QWERTYUIOP\0\0\0\0ASDFGHJKL\0\0\0\0\0ZXCVBNM";
    if (vk >= 'A' && vk <= 'Z') {
        const char *at = memchr(letters, vk, sizeof letters);
        return at ? (uint16_t)(0x10 + (at - letters)) : 0;
    }
    if (vk >= '1' && vk <= '9') {
        return (uint16_t)(2 + vk - '1');
    }
    switch (vk) {
    case '0': return 0x0B;
    case VK_BACK: return 0x0E;
    case VK_TAB: return 0x0F;
    case VK_RETURN: return 0x1C;
    case VK_ESCAPE: return 0x01;
    case VK_SPACE: return 0x39;
    case VK_PRIOR: return 0x49;
    case VK_NEXT: return 0x51;
    case VK_END: return 0x4F;
    case VK_HOME: return 0x47;
    case VK_LEFT: return 0x4B;
    case VK_UP: return 0x48;
    case VK_RIGHT: return 0x4D;
    case VK_DOWN: return 0x50;
    case VK_INSERT: return 0x52;
    case VK_DELETE: return 0x53;
    default: return 0;
    }
}

/* The key a US keyboard types a character with, and whether with Shift. */
static uint16_t KeyFor(uint16_t c, uint32_t *state)
{
    static const char shifted[] = "~!@#$%^&*()_+{}|:\"<>?";
    static const char unshifted[] = "`1234567890-=[]\\;',./";
    static const uint8_t oem[] = {0xC0, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0',
                                  0xBD, 0xBB, 0xDB, 0xDD, 0xDC, 0xBA, 0xDE, 0xBC, 0xBE, 0xBF};
    if (c >= 'a' && c <= 'z') {
        return (uint16_t)(c - 'a' + 'A');
    }
    if (c >= 'A' && c <= 'Z') {
        *state |= SHIFT_PRESSED;
        return c;
    }
    if (c == ' ') {
        return VK_SPACE;
    }
    if (c < 0x80) {
        const char *at = memchr(unshifted, c, sizeof unshifted - 1);
        if (at) {
            return oem[at - unshifted];
        }
        at = memchr(shifted, c, sizeof shifted - 1);
        if (at) {
            *state |= SHIFT_PRESSED;
            return oem[at - shifted];
        }
    }
    return 0; /* typed some other way (an input method): no key of its own */
}

static void Key(KI_CONSOLE *console, uint16_t vk, uint16_t c, uint32_t state)
{
    KI_INPUT_RECORD r[2] = {
        {.EventType = KI_KEY_EVENT, .KeyDown = 1, .RepeatCount = 1, .VirtualKeyCode = vk,
         .VirtualScanCode = ScanCode(vk), .Char = c, .ControlKeyState = state},
    };
    r[1] = r[0];
    r[1].KeyDown = 0;
    KiQueueInput(console, r, 2, false); /* a full buffer loses the key, as a full keyboard buffer */
}

static void Character(KI_CONSOLE *console, uint32_t cp)
{
    if (cp >= 0x10000) {
        Key(console, 0, (uint16_t)(0xD800 | ((cp - 0x10000) >> 10)), 0);
        Key(console, 0, (uint16_t)(0xDC00 | ((cp - 0x10000) & 0x3FF)), 0);
        return;
    }
    uint32_t state = 0;
    uint16_t vk = KeyFor((uint16_t)cp, &state);
    Key(console, vk, (uint16_t)cp, state);
}

/* An escape sequence at bytes[0] (ESC): its length when complete and
 * known (its key into *vk), 0 when more bytes may complete it, -1 when it
 * is no sequence of ours (ESC is then a key of its own). */
static int Sequence(const uint8_t *bytes, size_t count, uint16_t *vk)
{
    static const uint16_t letters[] = {['A'] = VK_UP, ['B'] = VK_DOWN, ['C'] = VK_RIGHT,
                                       ['D'] = VK_LEFT, ['H'] = VK_HOME, ['F'] = VK_END};
    static const uint16_t tilde[] = {0, VK_HOME, VK_INSERT, VK_DELETE, VK_END, VK_PRIOR, VK_NEXT,
                                     VK_HOME, VK_END};
    if (count < 2) {
        return 0;
    }
    if (bytes[1] != '[' && bytes[1] != 'O') {
        return -1;
    }
    if (count < 3) {
        return 0;
    }
    uint8_t c = bytes[2];
    if (c < sizeof letters / sizeof *letters && letters[c]) {
        *vk = letters[c];
        return 3;
    }
    if (bytes[1] == '[' && c >= '1' && c <= '8') {
        if (count < 4) {
            return 0;
        }
        if (bytes[3] == '~') {
            *vk = tilde[c - '0'];
            return 4;
        }
    }
    return -1;
}

static size_t Utf8Length(uint8_t lead)
{
    return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

/* Keys from bytes[0..count); the length used (the rest may be the start
 * of a key whose bytes have not all come). */
static size_t Decode(KI_CONSOLE *console, const uint8_t *bytes, size_t count, bool at_end)
{
    size_t i = 0;
    while (i < count) {
        uint8_t b = bytes[i];
        if (console->LastWasCr && b == '\n') {
            console->LastWasCr = false;
            i++;
            continue;
        }
        console->LastWasCr = b == '\r';
        if (b == 0x1B) {
            uint16_t vk = 0;
            int n = Sequence(bytes + i, count - i, &vk);
            if (n == 0 && !at_end) {
                return i;
            }
            if (n > 0) {
                Key(console, vk, 0, ENHANCED_KEY);
                i += (size_t)n;
            } else {
                Key(console, VK_ESCAPE, 0x1B, 0);
                i++;
            }
        } else if (b == '\r' || b == '\n') {
            Key(console, VK_RETURN, '\r', 0);
            i++;
        } else if (b == '\t') {
            Key(console, VK_TAB, '\t', 0);
            i++;
        } else if (b == 0x7F || b == 0x08) {
            Key(console, VK_BACK, 0x08, 0);
            i++;
        } else if (b < 0x20) {
            Key(console, (uint16_t)('A' + b - 1), b, LEFT_CTRL_PRESSED);
            i++;
        } else if (b < 0x80) {
            Character(console, b);
            i++;
        } else {
            size_t need = Utf8Length(b);
            if (count - i < need && !at_end) {
                return i;
            }
            uint32_t cp = need == 1 ? 0xFFFD : (uint32_t)(b & (0x7F >> need));
            size_t k = 1;
            for (; k < need && i + k < count && (bytes[i + k] & 0xC0) == 0x80; k++) {
                cp = cp << 6 | (bytes[i + k] & 0x3Fu);
            }
            Character(console, k == need && cp <= 0x10FFFF ? cp : 0xFFFD);
            i += k;
        }
    }
    return i;
}

void KiDecodeHostInput(KI_CONSOLE *console, const uint8_t *bytes, size_t count)
{
    uint8_t joined[sizeof console->Partial + 256];
    while (count) {
        size_t take = count < 256 ? count : 256;
        memcpy(joined, console->Partial, console->PartialCount);
        memcpy(joined + console->PartialCount, bytes, take);
        size_t total = console->PartialCount + take;
        size_t used = Decode(console, joined, total, false);
        /* What is left is at most an unfinished ESC sequence or character. */
        console->PartialCount = (uint32_t)(total - used < sizeof console->Partial ? total - used : 0);
        memcpy(console->Partial, joined + used, console->PartialCount);
        bytes += take;
        count -= take;
    }
}

void KiDecodeHostEnd(KI_CONSOLE *console)
{
    Decode(console, console->Partial, console->PartialCount, true);
    console->PartialCount = 0;
}
