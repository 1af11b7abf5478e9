/* setjmp/longjmp: back from nested calls, 0 becomes 1, and an exception
 * frame registered in between is unwound. */
#include <windows.h>
#include <setjmp.h>
#include <stdio.h>

static jmp_buf where;
static int unwound;

static EXCEPTION_DISPOSITION __cdecl Handler(EXCEPTION_RECORD *record, void *frame, CONTEXT *context,
                                             void *dispatcher)
{
    (void)frame;
    (void)context;
    (void)dispatcher;
    if (record->ExceptionFlags & 2 /* EXCEPTION_UNWINDING */) {
        unwound++;
    }
    return ExceptionContinueSearch;
}

static void Deep(int depth, int value)
{
    if (depth == 0) {
        longjmp(where, value);
    }
    Deep(depth - 1, value);
}

static void WithFrame(void)
{
    struct { void *next; void *handler; } frame;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(frame.next));
    frame.handler = (void *)Handler;
    __asm__ volatile("movl %0, %%fs:0" : : "r"(&frame) : "memory");
    Deep(5, 7);
}

int main(void)
{
    volatile int round = 0;
    int r = setjmp(where);
    round++;
    if (round == 1) {
        printf("setjmp returned %d\n", r);
        Deep(10, 0);
    }
    if (round == 2) {
        printf("longjmp(…, 0) arrives as %d\n", r);
        WithFrame();
    }
    printf("longjmp across an exception frame: %d, its handler saw the unwind %d time(s)\n", r, unwound);
    void *list;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(list));
    printf("fs:[0] restored: %s\n", list != NULL ? "yes" : "no");
    return 0;
}
