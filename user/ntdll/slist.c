/*
 * Interlocked singly linked lists (SList): a lock-free LIFO stack whose
 * 8-byte header holds the first entry, the depth and a sequence number,
 * changed as one with CMPXCHG8B; the sequence number, bumped by every
 * push and pop, keeps a pop from succeeding on a header that another
 * thread popped and pushed back between its read and its exchange (the
 * ABA problem). kernel32's InitializeSListHead, InterlockedPushEntrySList,
 * InterlockedPopEntrySList, InterlockedFlushSList and QueryDepthSList
 * forward here, as in Windows.
 */
#include "ntdll/ntdll.h"

static SLIST_HEADER Read(SLIST_HEADER *head)
{
    /* A compare-exchange with itself reads the 8 bytes atomically. */
    SLIST_HEADER value;
    value.Alignment = __sync_val_compare_and_swap(&head->Alignment, 0, 0);
    return value;
}

void NTAPI RtlInitializeSListHead(SLIST_HEADER *head)
{
    head->Alignment = 0;
}

SLIST_ENTRY *NTAPI RtlFirstEntrySList(const SLIST_HEADER *head)
{
    return head->s.Next.Next;
}

USHORT NTAPI RtlQueryDepthSList(SLIST_HEADER *head)
{
    return Read(head).s.Depth;
}

/* Returns the entry that was first before the push. */
SLIST_ENTRY *NTAPI RtlInterlockedPushEntrySList(SLIST_HEADER *head, SLIST_ENTRY *entry)
{
    SLIST_HEADER old = Read(head), new;
    do {
        entry->Next = old.s.Next.Next;
        new.s.Next.Next = entry;
        new.s.Depth = (USHORT)(old.s.Depth + 1);
        new.s.Sequence = (USHORT)(old.s.Sequence + 1);
    } while (!__atomic_compare_exchange_n(&head->Alignment, &old.Alignment, new.Alignment, 0,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    return old.s.Next.Next;
}

/* The first entry, unlinked, or NULL when the list is empty. */
SLIST_ENTRY *NTAPI RtlInterlockedPopEntrySList(SLIST_HEADER *head)
{
    SLIST_HEADER old = Read(head), new;
    do {
        if (!old.s.Next.Next) {
            return NULL;
        }
        new.s.Next.Next = old.s.Next.Next->Next;
        new.s.Depth = (USHORT)(old.s.Depth - 1);
        new.s.Sequence = (USHORT)(old.s.Sequence + 1);
    } while (!__atomic_compare_exchange_n(&head->Alignment, &old.Alignment, new.Alignment, 0,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    return old.s.Next.Next;
}

/* Empties the list; returns its entries, still linked. */
SLIST_ENTRY *NTAPI RtlInterlockedFlushSList(SLIST_HEADER *head)
{
    SLIST_HEADER old = Read(head), new;
    do {
        if (!old.s.Next.Next) {
            return NULL;
        }
        new.Alignment = 0;
        new.s.Sequence = old.s.Sequence; /* kept, as Windows keeps it */
    } while (!__atomic_compare_exchange_n(&head->Alignment, &old.Alignment, new.Alignment, 0,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    return old.s.Next.Next;
}

/* Pushes a chain already linked from first to last, count entries long,
 * as one; returns the entry that was first before. */
SLIST_ENTRY *NTAPI RtlInterlockedPushListSListEx(SLIST_HEADER *head, SLIST_ENTRY *first,
                                                 SLIST_ENTRY *last, ULONG count)
{
    SLIST_HEADER old = Read(head), new;
    do {
        last->Next = old.s.Next.Next;
        new.s.Next.Next = first;
        new.s.Depth = (USHORT)(old.s.Depth + count);
        new.s.Sequence = (USHORT)(old.s.Sequence + 1);
    } while (!__atomic_compare_exchange_n(&head->Alignment, &old.Alignment, new.Alignment, 0,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    return old.s.Next.Next;
}

/* RtlInterlockedPushListSList is the same call made fastcall (head in ecx,
 * first in edx, last and count on the stack, which it pops): the two
 * register arguments go under the return address and the stdcall form
 * runs, popping all four. */
__asm__(".globl _RtlInterlockedPushListSList@16\n"
        "_RtlInterlockedPushListSList@16:\n\t"
        "popl %eax\n\t"
        "pushl %edx\n\t"
        "pushl %ecx\n\t"
        "pushl %eax\n\t"
        "jmp _RtlInterlockedPushListSListEx@16\n");
