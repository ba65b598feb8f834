/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntdef.h - basic NT types for drivers hosted by wdmshim.
 *
 * Windows types keep their Windows sizes on Linux' LP64 model: LONG and
 * ULONG are 32 bits, WCHAR is 16 bits (Kbuild compiles with -fshort-wchar,
 * so L"" literals are WCHAR arrays), pointers and *_PTR types are 64 bits.
 * These headers include no Linux header: a hosted driver sees only NT names.
 */
#ifndef _WDMSHIM_NTDEF_H
#define _WDMSHIM_NTDEF_H

#ifndef NULL
#define NULL ((void *)0)
#endif

/* SAL annotations (<sal.h>, <specstrings.h>): empty, for the analysers. */
#include <specstrings.h>

/*
 * Variable arguments, as <stdarg.h> gives them (Kbuild builds with
 * -nostdinc); the same definitions as the kernel's <linux/stdarg.h>.
 */
#ifndef _LINUX_STDARG_H
#define _LINUX_STDARG_H
typedef __builtin_va_list va_list;
#define va_start(v, l)	__builtin_va_start(v, l)
#define va_end(v)	__builtin_va_end(v)
#define va_arg(v, T)	__builtin_va_arg(v, T)
#define va_copy(d, s)	__builtin_va_copy(d, s)
#endif

/* Calling conventions and annotations: source compatibility only. */
#define NTAPI
#define NTSYSAPI
#define NTKERNELAPI
#define NTHALAPI
#define FASTCALL
#define WINAPI
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __cdecl
#define __cdecl
#endif
#ifndef __fastcall
#define __fastcall
#endif
#define IN
#define OUT
#define OPTIONAL
#define CONST const
#define VOID void
#define __forceinline inline __attribute__((__always_inline__))
#define FORCEINLINE static __forceinline
#define DECLSPEC_ALIGN(x) __attribute__((__aligned__(x)))
#define DECLSPEC_NOINLINE __attribute__((__noinline__))
#define DECLSPEC_NORETURN __attribute__((__noreturn__))
#define DECLSPEC_CACHEALIGN DECLSPEC_ALIGN(64)
#define DECLSPEC_SELECTANY __attribute__((__weak__))
#define DECLSPEC_DEPRECATED __attribute__((__deprecated__))
#define UNREFERENCED_PARAMETER(p) ((void)(p))
#define DBG_UNREFERENCED_PARAMETER(p) ((void)(p))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(v) ((void)(v))

typedef char CHAR, CCHAR, *PCHAR, *PSZ;
typedef unsigned char UCHAR, *PUCHAR, BYTE, *PBYTE;
typedef short SHORT, *PSHORT, CSHORT;
typedef unsigned short USHORT, *PUSHORT, WORD, *PWORD;
typedef int INT, *PINT, LONG, *PLONG;
typedef unsigned int UINT, *PUINT, ULONG, *PULONG, DWORD, *PDWORD;
typedef long long LONGLONG, *PLONGLONG, LONG64, *PLONG64, INT64;
typedef unsigned long long ULONGLONG, *PULONGLONG, ULONG64, *PULONG64,
	DWORD64, UINT64, DWORDLONG;
typedef signed char INT8;
typedef unsigned char UINT8;
typedef short INT16;
typedef unsigned short UINT16;
typedef int INT32, LONG32;
typedef unsigned int UINT32, ULONG32, DWORD32;
typedef long LONG_PTR, *PLONG_PTR, INT_PTR, SSIZE_T;
typedef unsigned long ULONG_PTR, *PULONG_PTR, UINT_PTR, SIZE_T, *PSIZE_T,
	DWORD_PTR, KAFFINITY;
typedef void *PVOID, **PPVOID;
#ifndef _SIZE_T
#define _SIZE_T
typedef unsigned long size_t;	/* as Linux and the C library have it */
#endif
typedef const void *PCVOID;
typedef PVOID HANDLE, *PHANDLE;
typedef UCHAR BOOLEAN, *PBOOLEAN;
typedef int BOOL;
typedef LONG NTSTATUS, *PNTSTATUS;
typedef ULONG LOGICAL, *PLOGICAL;
typedef ULONG ACCESS_MASK, *PACCESS_MASK;
typedef LONG KPRIORITY;
typedef UCHAR KIRQL, *PKIRQL;
typedef CCHAR KPROCESSOR_MODE;

typedef __WCHAR_TYPE__ WCHAR, *PWCHAR, *PWSTR, *LPWSTR, *NWPSTR;
typedef const WCHAR *PCWSTR, *LPCWSTR, *PCWCH;
typedef CHAR *PSTR, *LPSTR, *PCH;
typedef const CHAR *PCSTR, *LPCSTR, *PCCH, *PCSZ;

#define TRUE 1
#define FALSE 0

#define MAXUCHAR 0xff
#define MAXUSHORT 0xffff
#define MAXULONG 0xffffffffU
#define MAXLONG 0x7fffffff
#define MINLONG ((LONG)0x80000000)
#define MAXLONGLONG 0x7fffffffffffffffLL
#define MAXULONG_PTR (~(ULONG_PTR)0)
#define MAXSIZE_T (~(SIZE_T)0)

/* Compile-time checks of the Windows type sizes. */
_Static_assert(sizeof(CHAR) == 1, "CHAR is 8 bits");
_Static_assert(sizeof(SHORT) == 2, "SHORT is 16 bits");
_Static_assert(sizeof(LONG) == 4, "LONG is 32 bits on Windows");
_Static_assert(sizeof(ULONG) == 4, "ULONG is 32 bits on Windows");
_Static_assert(sizeof(LONGLONG) == 8, "LONGLONG is 64 bits");
_Static_assert(sizeof(WCHAR) == 2, "WCHAR is 16 bits: build with -fshort-wchar");
_Static_assert(sizeof(L""[0]) == 2, "L\"\" literals are 16-bit: -fshort-wchar");
_Static_assert(sizeof(ULONG_PTR) == sizeof(void *), "ULONG_PTR is pointer-sized");
_Static_assert(sizeof(SIZE_T) == 8, "SIZE_T is 64 bits on x64");
_Static_assert(sizeof(BOOLEAN) == 1, "BOOLEAN is a byte");

typedef union _LARGE_INTEGER {
	struct {
		ULONG LowPart;
		LONG HighPart;
	};
	struct {
		ULONG LowPart;
		LONG HighPart;
	} u;
	LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
	struct {
		ULONG LowPart;
		ULONG HighPart;
	};
	struct {
		ULONG LowPart;
		ULONG HighPart;
	} u;
	ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

_Static_assert(sizeof(LARGE_INTEGER) == 8, "LARGE_INTEGER is 64 bits");

typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

/* NTSTATUS classes */
#define NT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status) ((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status) ((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status) ((((ULONG)(Status)) >> 30) == 3)

/* Counted strings */
typedef struct _UNICODE_STRING {
	USHORT Length;		/* bytes, without any terminating NUL */
	USHORT MaximumLength;	/* bytes of Buffer */
	PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

typedef struct _STRING {
	USHORT Length;
	USHORT MaximumLength;
	PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING, OEM_STRING, *POEM_STRING;
typedef const STRING *PCSTRING, *PCANSI_STRING, *PCOEM_STRING;

_Static_assert(sizeof(UNICODE_STRING) == 16, "UNICODE_STRING layout");

#define UNICODE_NULL ((WCHAR)0)
#define ANSI_NULL ((CHAR)0)
#define UNICODE_STRING_MAX_BYTES ((USHORT)65534)
#define UNICODE_STRING_MAX_CHARS (32767)

#define RTL_CONSTANT_STRING(s) \
	{ sizeof(s) - sizeof((s)[0]), sizeof(s), (void *)(s) }
#define DECLARE_CONST_UNICODE_STRING(_var, _string) \
	const WCHAR _var ## _buffer[] = _string; \
	const UNICODE_STRING _var = { sizeof(_string) - sizeof(WCHAR), \
				      sizeof(_string), (PWCH)_var ## _buffer }
#define DECLARE_UNICODE_STRING_SIZE(_var, _size) \
	WCHAR _var ## _buffer[_size]; \
	UNICODE_STRING _var = { 0, (_size) * sizeof(WCHAR), _var ## _buffer }
typedef WCHAR *PWCH;

/* Doubly and singly linked lists */
typedef struct _LIST_ENTRY {
	struct _LIST_ENTRY *Flink;
	struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY, *PRLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
	struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

#define FIELD_OFFSET(type, field) ((LONG)__builtin_offsetof(type, field))
#define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) \
	(FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define RTL_NUMBER_OF(a) (sizeof(a) / sizeof((a)[0]))
#define ARRAYSIZE(a) RTL_NUMBER_OF(a)
#define CONTAINING_RECORD(address, type, field) \
	((type *)((PCHAR)(address) - (ULONG_PTR)(&((type *)0)->field)))

/* min and max of the WDK (hosted drivers: Linux has its own). */
#ifndef WDMSHIM_HOST
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#endif

#define ALIGN_DOWN_BY(length, alignment) \
	((ULONG_PTR)(length) & ~((ULONG_PTR)(alignment) - 1))
#define ALIGN_UP_BY(length, alignment) \
	(ALIGN_DOWN_BY(((ULONG_PTR)(length) + (alignment) - 1), alignment))

typedef struct _GUID {
	ULONG Data1;
	USHORT Data2;
	USHORT Data3;
	UCHAR Data4[8];
} GUID, *LPGUID;
typedef const GUID *LPCGUID, *PCGUID;

/*
 * DEFINE_GUID declares a GUID; after <initguid.h> it defines it (weak, so
 * several files of one driver may each define it, as selectany does).
 */
#define WDM_GUID_INIT(l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	{ l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#ifdef INITGUID
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	extern const GUID name; \
	const GUID name __attribute__((weak)) = \
		WDM_GUID_INIT(l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	extern const GUID name
#endif

static inline BOOLEAN IsEqualGUID(const GUID *a, const GUID *b)
{
	return __builtin_memcmp(a, b, sizeof(GUID)) == 0;
}

#define InlineIsEqualGUID IsEqualGUID

/* Structured exception handling: __try, __except, __finally. */
#include <excpt.h>

#endif /* _WDMSHIM_NTDEF_H */
