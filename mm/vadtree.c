/*
 * The VAD tree: an AVL tree of non-overlapping page ranges, as NT keeps a
 * process's VADs (MiInsertVad, MiLocateAddress…). Balance is
 * height(right) - height(left) and stays within -1..1, so every lookup is
 * O(log n) however a program allocates.
 */
#include "mm/mi.h"

#include <stddef.h>

/* Replaces child `old` of `parent` (or the root) with `new_child`. */
static void Replace(MM_AVL_TABLE *table, MMVAD *parent, MMVAD *old, MMVAD *new_child)
{
    if (!parent) {
        table->Root = new_child;
    } else if (parent->Left == old) {
        parent->Left = new_child;
    } else {
        parent->Right = new_child;
    }
    if (new_child) {
        new_child->Parent = parent;
    }
}

static MMVAD *RotateLeft(MM_AVL_TABLE *table, MMVAD *a)
{
    MMVAD *b = a->Right;
    Replace(table, a->Parent, a, b);
    a->Right = b->Left;
    if (b->Left) {
        b->Left->Parent = a;
    }
    b->Left = a;
    a->Parent = b;
    /* Balance bookkeeping for a single left rotation. */
    a->Balance = (int8_t)(a->Balance - 1 - (b->Balance > 0 ? b->Balance : 0));
    b->Balance = (int8_t)(b->Balance - 1 + (a->Balance < 0 ? a->Balance : 0));
    return b;
}

static MMVAD *RotateRight(MM_AVL_TABLE *table, MMVAD *a)
{
    MMVAD *b = a->Left;
    Replace(table, a->Parent, a, b);
    a->Left = b->Right;
    if (b->Right) {
        b->Right->Parent = a;
    }
    b->Right = a;
    a->Parent = b;
    a->Balance = (int8_t)(a->Balance + 1 - (b->Balance < 0 ? b->Balance : 0));
    b->Balance = (int8_t)(b->Balance + 1 + (a->Balance > 0 ? a->Balance : 0));
    return b;
}

/* Restores balance at a node whose Balance reached ±2; returns the new
 * subtree root. */
static MMVAD *Rebalance(MM_AVL_TABLE *table, MMVAD *node)
{
    if (node->Balance > 1) {
        if (node->Right->Balance < 0) {
            RotateRight(table, node->Right);
        }
        return RotateLeft(table, node);
    }
    if (node->Balance < -1) {
        if (node->Left->Balance > 0) {
            RotateLeft(table, node->Left);
        }
        return RotateRight(table, node);
    }
    return node;
}

void MiInsertVad(MM_AVL_TABLE *table, MMVAD *vad)
{
    MMVAD *parent = NULL, **link = &table->Root;
    while (*link) {
        parent = *link;
        link = vad->StartingVpn < parent->StartingVpn ? &parent->Left : &parent->Right;
    }
    vad->Left = vad->Right = NULL;
    vad->Balance = 0;
    vad->Parent = parent;
    *link = vad;
    table->NumberGenericTableElements++;

    /* Walk up while the subtree grew taller. */
    MMVAD *child = vad;
    while (parent) {
        parent->Balance += parent->Left == child ? -1 : 1;
        if (parent->Balance == 0) {
            break;
        }
        if (parent->Balance == 2 || parent->Balance == -2) {
            Rebalance(table, parent);
            break; /* an insertion rotation restores the old height */
        }
        child = parent;
        parent = parent->Parent;
    }
}

void MiRemoveVad(MM_AVL_TABLE *table, MMVAD *vad)
{
    /* With two children, swap in the in-order successor's position. */
    if (vad->Left && vad->Right) {
        MMVAD *next = vad->Right;
        while (next->Left) {
            next = next->Left;
        }
        /* Exchange the tree positions of vad and next. */
        MMVAD *np = next->Parent, *nr = next->Right;
        int8_t nb = next->Balance;
        Replace(table, vad->Parent, vad, next);
        next->Left = vad->Left;
        next->Left->Parent = next;
        next->Balance = vad->Balance;
        if (np == vad) {
            next->Right = vad;
            vad->Parent = next;
        } else {
            next->Right = vad->Right;
            next->Right->Parent = next;
            np->Left = vad;
            vad->Parent = np;
        }
        vad->Left = NULL;
        vad->Right = nr;
        if (nr) {
            nr->Parent = vad;
        }
        vad->Balance = nb;
    }

    /* Now vad has at most one child. */
    MMVAD *child = vad->Left ? vad->Left : vad->Right;
    MMVAD *parent = vad->Parent;
    bool was_left = parent && parent->Left == vad;
    Replace(table, parent, vad, child);
    table->NumberGenericTableElements--;
    vad->Left = vad->Right = vad->Parent = NULL;

    /* Walk up while the subtree got shorter. */
    while (parent) {
        parent->Balance += was_left ? 1 : -1;
        MMVAD *node = parent;
        if (node->Balance == 2 || node->Balance == -2) {
            node = Rebalance(table, node);
        }
        if (node->Balance != 0) {
            break; /* the height of this subtree did not change */
        }
        parent = node->Parent;
        was_left = parent && parent->Left == node;
    }
}

MMVAD *MiLocateAddress(MM_AVL_TABLE *table, uint32_t vpn)
{
    MMVAD *node = table->Root;
    while (node) {
        if (vpn < node->StartingVpn) {
            node = node->Left;
        } else if (vpn > node->EndingVpn) {
            node = node->Right;
        } else {
            return node;
        }
    }
    return NULL;
}

MMVAD *MiLocateVadAtOrAfter(MM_AVL_TABLE *table, uint32_t vpn)
{
    MMVAD *node = table->Root, *best = NULL;
    while (node) {
        if (node->EndingVpn >= vpn) {
            best = node;
            node = node->Left;
        } else {
            node = node->Right;
        }
    }
    return best;
}

MMVAD *MiCheckForConflictingVad(MM_AVL_TABLE *table, uint32_t start_vpn, uint32_t end_vpn)
{
    MMVAD *vad = MiLocateVadAtOrAfter(table, start_vpn);
    return vad && vad->StartingVpn <= end_vpn ? vad : NULL;
}

MMVAD *MiGetFirstVad(MM_AVL_TABLE *table)
{
    MMVAD *node = table->Root;
    while (node && node->Left) {
        node = node->Left;
    }
    return node;
}

MMVAD *MiGetNextVad(MMVAD *vad)
{
    if (vad->Right) {
        vad = vad->Right;
        while (vad->Left) {
            vad = vad->Left;
        }
        return vad;
    }
    while (vad->Parent && vad->Parent->Right == vad) {
        vad = vad->Parent;
    }
    return vad->Parent;
}

MMVAD *MiGetPreviousVad(MMVAD *vad)
{
    if (vad->Left) {
        vad = vad->Left;
        while (vad->Right) {
            vad = vad->Right;
        }
        return vad;
    }
    while (vad->Parent && vad->Parent->Left == vad) {
        vad = vad->Parent;
    }
    return vad->Parent;
}

static uint32_t AlignUp(uint64_t vpn, uint32_t align)
{
    uint64_t aligned = (vpn + align - 1) / align * align;
    return aligned > 0xFFFFFFFFull ? 0xFFFFFFFFu : (uint32_t)aligned;
}

/* Walks the gaps between VADs, in address order or from the top. */
uint32_t MiFindEmptyAddressRange(MM_AVL_TABLE *table, uint32_t pages, uint32_t align_pages,
                                 uint32_t low_vpn, uint32_t high_vpn, bool top_down)
{
    if (pages == 0 || align_pages == 0 || low_vpn > high_vpn ||
        (uint64_t)high_vpn - low_vpn + 1 < pages) {
        return 0;
    }
    if (!top_down) {
        uint64_t gap_start = low_vpn;
        for (MMVAD *vad = MiLocateVadAtOrAfter(table, low_vpn);; vad = MiGetNextVad(vad)) {
            uint64_t gap_end = vad ? (uint64_t)vad->StartingVpn : (uint64_t)high_vpn + 1;
            if (gap_end > (uint64_t)high_vpn + 1) {
                gap_end = (uint64_t)high_vpn + 1;
            }
            uint64_t start = AlignUp(gap_start, align_pages);
            if (start + pages <= gap_end && start != 0) {
                return (uint32_t)start;
            }
            if (!vad || vad->StartingVpn > high_vpn) {
                return 0;
            }
            if ((uint64_t)vad->EndingVpn + 1 > gap_start) {
                gap_start = (uint64_t)vad->EndingVpn + 1;
            }
        }
    }
    /* Top-down: from the last VAD starting at or below high_vpn, walk the
     * gaps downwards and take the highest aligned start that fits. */
    MMVAD *vad = NULL;
    for (MMVAD *node = table->Root; node;) {
        if (node->StartingVpn <= high_vpn) {
            vad = node;
            node = node->Right;
        } else {
            node = node->Left;
        }
    }
    uint64_t gap_end = (uint64_t)high_vpn + 1;
    for (;;) {
        uint64_t gap_start = vad ? (uint64_t)vad->EndingVpn + 1 : low_vpn;
        if (gap_start < low_vpn) {
            gap_start = low_vpn;
        }
        if (gap_end >= gap_start + pages) {
            uint64_t start = (gap_end - pages) / align_pages * align_pages;
            if (start >= gap_start && start != 0) {
                return (uint32_t)start;
            }
        }
        if (!vad || vad->StartingVpn <= low_vpn) {
            return 0;
        }
        gap_end = vad->StartingVpn;
        vad = MiGetPreviousVad(vad);
    }
}

static int Verify(const MMVAD *node, const MMVAD *parent, uint32_t *count, int *ok,
                  const MMVAD **previous)
{
    if (!node) {
        return 0;
    }
    if (node->Parent != parent || node->StartingVpn > node->EndingVpn) {
        *ok = 0;
    }
    int l = Verify(node->Left, node, count, ok, previous);
    if (*previous && (*previous)->EndingVpn >= node->StartingVpn) {
        *ok = 0; /* out of order or overlapping */
    }
    *previous = node;
    (*count)++;
    int r = Verify(node->Right, node, count, ok, previous);
    if (node->Balance != r - l || r - l > 1 || l - r > 1) {
        *ok = 0;
    }
    return 1 + (l > r ? l : r);
}

int MiVerifyVadTree(MM_AVL_TABLE *table)
{
    uint32_t count = 0;
    int ok = 1;
    const MMVAD *previous = NULL;
    int height = Verify(table->Root, NULL, &count, &ok, &previous);
    return ok && count == table->NumberGenericTableElements ? height : -1;
}
