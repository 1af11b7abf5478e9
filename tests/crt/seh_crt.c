/* An access violation inside a hand-written fs:[0] frame, with the C
 * runtime in use around it. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static EXCEPTION_DISPOSITION __cdecl Handler(EXCEPTION_RECORD *record, void *frame, CONTEXT *context,
                                             void *dispatcher)
{
    (void)frame;
    (void)dispatcher;
    printf("handler: code %08lX, %s of %08lX\n", record->ExceptionCode,
           record->ExceptionInformation[0] ? "write" : "read", record->ExceptionInformation[1]);
    context->Eip += 2; /* mov [ecx], eax */
    return ExceptionContinueExecution;
}

int main(void)
{
    char *text = malloc(64);
    strcpy(text, "before the fault");
    printf("%s\n", text);
    struct { void *next; void *handler; } frame;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(frame.next));
    frame.handler = (void *)Handler;
    __asm__ volatile("movl %0, %%fs:0" : : "r"(&frame) : "memory");
    __asm__ volatile("movl %%eax, (%%ecx)" : : "a"(1), "c"(0x10) : "memory");
    __asm__ volatile("movl %0, %%fs:0" : : "r"(frame.next) : "memory");
    strcat(text, ", and after");
    printf("%s\n", text);
    free(text);
    return 0;
}
