/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm.h - the Windows Driver Model API offered to drivers hosted by wdmshim.
 *
 * Every routine declared here is implemented by wdmshim.ko and exported in
 * the WDMSHIM symbol namespace. A routine wdmshim does not implement is
 * not declared: a driver that calls it fails to build or link, it never
 * gets a silent stub.
 */
#ifndef _WDMSHIM_WDM_H
#define _WDMSHIM_WDM_H

#include <ntdef.h>
#include <ntstatus.h>
#include <driverspecs.h>

/*
 * Code sections. Everything of a hosted driver is resident: the section
 * names of #pragma alloc_text(INIT, ...) and (PAGE, ...), #pragma
 * code_seg and PAGED_CODE_SEG place nothing. GCC ignores the Microsoft
 * pragmas (alloc_text, code_seg, warning, prefast, ...); their "unknown
 * pragma" warnings are turned off for hosted drivers, whose sources are
 * written for the WDK's compiler.
 */
#define ALLOC_PRAGMA 1
#define ALLOC_DATA_PRAGMA 1
#define PAGED_CODE_SEG
#define INIT_CODE_SEG
#ifndef WDMSHIM_HOST
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#endif

/* IRQL */
#define PASSIVE_LEVEL	0
#define LOW_LEVEL	0
#define APC_LEVEL	1
#define DISPATCH_LEVEL	2
#define CMCI_LEVEL	5
#define CLOCK_LEVEL	13
#define IPI_LEVEL	14
#define DRS_LEVEL	14
#define POWER_LEVEL	14
#define PROFILE_LEVEL	15
#define HIGH_LEVEL	15

/*
 * Pages. Linux has its own PAGE_SIZE and an upward PAGE_ALIGN: wdmshim's
 * own sources (WDMSHIM_HOST) keep Linux's, hosted drivers get NT's.
 */
#ifndef WDMSHIM_HOST
#define PAGE_SIZE	0x1000
#define PAGE_ALIGN(Va) ((PVOID)((ULONG_PTR)(Va) & ~((ULONG_PTR)PAGE_SIZE - 1)))
#endif
#define BYTES_TO_PAGES(Size) \
	(((SIZE_T)(Size) >> 12) + \
	 (((SIZE_T)(Size) & (PAGE_SIZE - 1)) != 0))
#define ROUND_TO_PAGES(Size) \
	(((ULONG_PTR)(Size) + PAGE_SIZE - 1) & ~((ULONG_PTR)PAGE_SIZE - 1))
#define BYTE_OFFSET(Va) ((ULONG)((ULONG_PTR)(Va) & (PAGE_SIZE - 1)))
#define ADDRESS_AND_SIZE_TO_SPAN_PAGES(Va, Size) \
	((ULONG)BYTES_TO_PAGES(BYTE_OFFSET(Va) + (SIZE_T)(Size)))

/* I/O request major function codes */
#define IRP_MJ_CREATE			0x00
#define IRP_MJ_CREATE_NAMED_PIPE	0x01
#define IRP_MJ_CLOSE			0x02
#define IRP_MJ_READ			0x03
#define IRP_MJ_WRITE			0x04
#define IRP_MJ_QUERY_INFORMATION	0x05
#define IRP_MJ_SET_INFORMATION		0x06
#define IRP_MJ_QUERY_EA			0x07
#define IRP_MJ_SET_EA			0x08
#define IRP_MJ_FLUSH_BUFFERS		0x09
#define IRP_MJ_QUERY_VOLUME_INFORMATION	0x0a
#define IRP_MJ_SET_VOLUME_INFORMATION	0x0b
#define IRP_MJ_DIRECTORY_CONTROL	0x0c
#define IRP_MJ_FILE_SYSTEM_CONTROL	0x0d
#define IRP_MJ_DEVICE_CONTROL		0x0e
#define IRP_MJ_INTERNAL_DEVICE_CONTROL	0x0f
#define IRP_MJ_SCSI			IRP_MJ_INTERNAL_DEVICE_CONTROL
#define IRP_MJ_SHUTDOWN			0x10
#define IRP_MJ_LOCK_CONTROL		0x11
#define IRP_MJ_CLEANUP			0x12
#define IRP_MJ_CREATE_MAILSLOT		0x13
#define IRP_MJ_QUERY_SECURITY		0x14
#define IRP_MJ_SET_SECURITY		0x15
#define IRP_MJ_POWER			0x16
#define IRP_MJ_SYSTEM_CONTROL		0x17
#define IRP_MJ_DEVICE_CHANGE		0x18
#define IRP_MJ_QUERY_QUOTA		0x19
#define IRP_MJ_SET_QUOTA		0x1a
#define IRP_MJ_PNP			0x1b
#define IRP_MJ_PNP_POWER		IRP_MJ_PNP
#define IRP_MJ_MAXIMUM_FUNCTION		0x1b

/* Minor codes of IRP_MJ_PNP */
#define IRP_MN_START_DEVICE			0x00
#define IRP_MN_QUERY_REMOVE_DEVICE		0x01
#define IRP_MN_REMOVE_DEVICE			0x02
#define IRP_MN_CANCEL_REMOVE_DEVICE		0x03
#define IRP_MN_STOP_DEVICE			0x04
#define IRP_MN_QUERY_STOP_DEVICE		0x05
#define IRP_MN_CANCEL_STOP_DEVICE		0x06
#define IRP_MN_QUERY_DEVICE_RELATIONS		0x07
#define IRP_MN_QUERY_INTERFACE			0x08
#define IRP_MN_QUERY_CAPABILITIES		0x09
#define IRP_MN_QUERY_RESOURCES			0x0A
#define IRP_MN_QUERY_RESOURCE_REQUIREMENTS	0x0B
#define IRP_MN_QUERY_DEVICE_TEXT		0x0C
#define IRP_MN_FILTER_RESOURCE_REQUIREMENTS	0x0D
#define IRP_MN_READ_CONFIG			0x0F
#define IRP_MN_WRITE_CONFIG			0x10
#define IRP_MN_EJECT				0x11
#define IRP_MN_SET_LOCK				0x12
#define IRP_MN_QUERY_ID				0x13
#define IRP_MN_QUERY_PNP_DEVICE_STATE		0x14
#define IRP_MN_QUERY_BUS_INFORMATION		0x15
#define IRP_MN_DEVICE_USAGE_NOTIFICATION	0x16
#define IRP_MN_SURPRISE_REMOVAL			0x17
#define IRP_MN_DEVICE_ENUMERATED		0x19

/* Minor codes of IRP_MJ_POWER */
#define IRP_MN_WAIT_WAKE		0x00
#define IRP_MN_POWER_SEQUENCE		0x01
#define IRP_MN_SET_POWER		0x02
#define IRP_MN_QUERY_POWER		0x03

/* Minor codes of IRP_MJ_SYSTEM_CONTROL (WMI) */
#define IRP_MN_QUERY_ALL_DATA		0x00
#define IRP_MN_QUERY_SINGLE_INSTANCE	0x01
#define IRP_MN_CHANGE_SINGLE_INSTANCE	0x02
#define IRP_MN_CHANGE_SINGLE_ITEM	0x03
#define IRP_MN_ENABLE_EVENTS		0x04
#define IRP_MN_DISABLE_EVENTS		0x05
#define IRP_MN_ENABLE_COLLECTION	0x06
#define IRP_MN_DISABLE_COLLECTION	0x07
#define IRP_MN_REGINFO			0x08
#define IRP_MN_EXECUTE_METHOD		0x09
#define IRP_MN_REGINFO_EX		0x0b

/* Device types */
typedef ULONG DEVICE_TYPE;
#define FILE_DEVICE_BEEP		0x00000001
#define FILE_DEVICE_CD_ROM		0x00000002
#define FILE_DEVICE_CONTROLLER		0x00000004
#define FILE_DEVICE_DISK		0x00000007
#define FILE_DEVICE_FILE_SYSTEM		0x00000009
#define FILE_DEVICE_KEYBOARD		0x0000000b
#define FILE_DEVICE_MOUSE		0x0000000f
#define FILE_DEVICE_NETWORK		0x00000012
#define FILE_DEVICE_NULL		0x00000015
#define FILE_DEVICE_PARALLEL_PORT	0x00000016
#define FILE_DEVICE_PHYSICAL_NETCARD	0x00000017
#define FILE_DEVICE_PRINTER		0x00000018
#define FILE_DEVICE_SCANNER		0x00000019
#define FILE_DEVICE_SERIAL_PORT		0x0000001b
#define FILE_DEVICE_SCREEN		0x0000001c
#define FILE_DEVICE_SOUND		0x0000001d
#define FILE_DEVICE_TAPE		0x0000001f
#define FILE_DEVICE_TRANSPORT		0x00000021
#define FILE_DEVICE_UNKNOWN		0x00000022
#define FILE_DEVICE_VIDEO		0x00000023
#define FILE_DEVICE_VIRTUAL_DISK	0x00000024
#define FILE_DEVICE_BATTERY		0x00000029
#define FILE_DEVICE_BUS_EXTENDER	0x0000002a
#define FILE_DEVICE_MODEM		0x0000002b
#define FILE_DEVICE_MASS_STORAGE	0x0000002d
#define FILE_DEVICE_KS			0x0000002f
#define FILE_DEVICE_SMARTCARD		0x00000031
#define FILE_DEVICE_ACPI		0x00000032
#define FILE_DEVICE_DVD			0x00000033
#define FILE_DEVICE_BLUETOOTH		0x00000041
#define FILE_DEVICE_BIOMETRIC		0x00000044

/* Device characteristics */
#define FILE_REMOVABLE_MEDIA		0x00000001
#define FILE_READ_ONLY_DEVICE		0x00000002
#define FILE_REMOTE_DEVICE		0x00000010
#define FILE_AUTOGENERATED_DEVICE_NAME	0x00000080
#define FILE_DEVICE_SECURE_OPEN		0x00000100
#define FILE_CHARACTERISTIC_PNP_DEVICE	0x00000800

/* I/O control codes */
#define METHOD_BUFFERED		0
#define METHOD_IN_DIRECT	1
#define METHOD_OUT_DIRECT	2
#define METHOD_NEITHER		3
#define METHOD_DIRECT_TO_HARDWARE	METHOD_IN_DIRECT
#define METHOD_DIRECT_FROM_HARDWARE	METHOD_OUT_DIRECT

#define FILE_ANY_ACCESS		0x0000
#define FILE_SPECIAL_ACCESS	FILE_ANY_ACCESS
#define FILE_READ_ACCESS	0x0001
#define FILE_WRITE_ACCESS	0x0002

#define CTL_CODE(DeviceType, Function, Method, Access) \
	(((DeviceType) << 16) | ((Access) << 14) | ((Function) << 2) | (Method))
#define DEVICE_TYPE_FROM_CTL_CODE(Code)	(((ULONG)(Code) & 0xffff0000) >> 16)
#define METHOD_FROM_CTL_CODE(Code)	((ULONG)(Code) & 3)

/* Access rights (ACCESS_MASK), e.g. for IoGetDeviceObjectPointer */
#define DELETE				0x00010000
#define READ_CONTROL			0x00020000
#define WRITE_DAC			0x00040000
#define WRITE_OWNER			0x00080000
#define SYNCHRONIZE			0x00100000
#define STANDARD_RIGHTS_REQUIRED	0x000F0000
#define STANDARD_RIGHTS_READ		READ_CONTROL
#define STANDARD_RIGHTS_WRITE		READ_CONTROL
#define STANDARD_RIGHTS_EXECUTE		READ_CONTROL
#define STANDARD_RIGHTS_ALL		0x001F0000
#define SPECIFIC_RIGHTS_ALL		0x0000FFFF
#define GENERIC_READ			0x80000000
#define GENERIC_WRITE			0x40000000
#define GENERIC_EXECUTE			0x20000000
#define GENERIC_ALL			0x10000000
#define FILE_READ_DATA			0x00000001
#define FILE_WRITE_DATA			0x00000002
#define FILE_APPEND_DATA		0x00000004
#define FILE_READ_EA			0x00000008
#define FILE_WRITE_EA			0x00000010
#define FILE_EXECUTE			0x00000020
#define FILE_READ_ATTRIBUTES		0x00000080
#define FILE_WRITE_ATTRIBUTES		0x00000100
#define FILE_ALL_ACCESS	(STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF)

/* DEVICE_OBJECT Flags */
#define DO_VERIFY_VOLUME		0x00000002
#define DO_BUFFERED_IO			0x00000004
#define DO_EXCLUSIVE			0x00000008
#define DO_DIRECT_IO			0x00000010
#define DO_MAP_IO_BUFFER		0x00000020
#define DO_DEVICE_INITIALIZING		0x00000080
#define DO_SHUTDOWN_REGISTERED		0x00000800
#define DO_BUS_ENUMERATED_DEVICE	0x00001000
#define DO_POWER_PAGABLE		0x00002000
#define DO_POWER_INRUSH			0x00004000

/* IO_STACK_LOCATION Control bits */
#define SL_PENDING_RETURNED	0x01
#define SL_ERROR_RETURNED	0x02
#define SL_INVOKE_ON_CANCEL	0x20
#define SL_INVOKE_ON_SUCCESS	0x40
#define SL_INVOKE_ON_ERROR	0x80

/* IO_STACK_LOCATION Flags, per major function */
#define SL_FORCE_ACCESS_CHECK		0x01	/* create */
#define SL_OPEN_PAGING_FILE		0x02
#define SL_OPEN_TARGET_DIRECTORY	0x04
#define SL_CASE_SENSITIVE		0x80
#define SL_KEY_SPECIFIED		0x01	/* read/write */
#define SL_OVERRIDE_VERIFY_VOLUME	0x02
#define SL_WRITE_THROUGH		0x04
#define SL_FT_SEQUENTIAL_WRITE		0x08
#define SL_FAIL_IMMEDIATELY		0x01	/* lock control */
#define SL_EXCLUSIVE_LOCK		0x02

/* Priority boosts given to IoCompleteRequest */
#define IO_NO_INCREMENT		0
#define IO_CD_ROM_INCREMENT	1
#define IO_DISK_INCREMENT	1
#define IO_KEYBOARD_INCREMENT	6
#define IO_MAILSLOT_INCREMENT	2
#define IO_MOUSE_INCREMENT	6
#define IO_NAMED_PIPE_INCREMENT	2
#define IO_NETWORK_INCREMENT	2
#define IO_PARALLEL_INCREMENT	1
#define IO_SERIAL_INCREMENT	2
#define IO_SOUND_INCREMENT	8
#define IO_VIDEO_INCREMENT	1

/*
 * Pool. POOL_FLAG_RAISE_ON_FAILURE, POOL_FLAG_USE_QUOTA, POOL_FLAG_SESSION
 * and POOL_FLAG_NON_PAGED_EXECUTE are not offered: wdmshim cannot honour
 * them, so a driver that names them does not build.
 */
typedef ULONG64 POOL_FLAGS;
#define POOL_FLAG_UNINITIALIZED		0x0000000000000002ULL
#define POOL_FLAG_CACHE_ALIGNED		0x0000000000000008ULL
#define POOL_FLAG_NON_PAGED		0x0000000000000040ULL
#define POOL_FLAG_PAGED			0x0000000000000100ULL

typedef enum _POOL_TYPE {
	NonPagedPool = 0,
	NonPagedPoolExecute = NonPagedPool,
	PagedPool = 1,
	NonPagedPoolMustSucceed = 2,
	DontUseThisType = 3,
	NonPagedPoolCacheAligned = 4,
	PagedPoolCacheAligned = 5,
	NonPagedPoolCacheAlignedMustS = 6,
	MaxPoolType = 7,
	NonPagedPoolNx = 512,
	NonPagedPoolNxCacheAligned = NonPagedPoolNx + 4,
} POOL_TYPE;

PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes,
			    ULONG Tag);
PVOID NTAPI ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
				  ULONG Tag);
PVOID NTAPI ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes);
PVOID NTAPI ExAllocatePoolZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
			       ULONG Tag);
PVOID NTAPI ExAllocatePoolUninitialized(POOL_TYPE PoolType,
					SIZE_T NumberOfBytes, ULONG Tag);
VOID NTAPI ExFreePoolWithTag(PVOID P, ULONG Tag);
VOID NTAPI ExFreePool(PVOID P);
#define ExFreePool2(P, Tag, Params, Count) ExFreePoolWithTag(P, Tag)

/* Memory */
#define RtlCopyMemory(Destination, Source, Length) \
	__builtin_memcpy((Destination), (Source), (Length))
#define RtlMoveMemory(Destination, Source, Length) \
	__builtin_memmove((Destination), (Source), (Length))
#define RtlFillMemory(Destination, Length, Fill) \
	__builtin_memset((Destination), (Fill), (Length))
#define RtlZeroMemory(Destination, Length) \
	__builtin_memset((Destination), 0, (Length))
#define RtlEqualMemory(Destination, Source, Length) \
	(!__builtin_memcmp((Destination), (Source), (Length)))
#define RtlCopyBytes RtlCopyMemory
#define RtlZeroBytes RtlZeroMemory
#define RtlFillBytes RtlFillMemory
SIZE_T NTAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2,
			      SIZE_T Length);

FORCEINLINE PVOID RtlSecureZeroMemory(PVOID ptr, SIZE_T cnt)
{
	volatile char *vptr = (volatile char *)ptr;

	while (cnt--)
		*vptr++ = 0;
	return ptr;
}

/* Doubly linked lists */
FORCEINLINE VOID InitializeListHead(PLIST_ENTRY ListHead)
{
	ListHead->Flink = ListHead;
	ListHead->Blink = ListHead;
}

FORCEINLINE BOOLEAN IsListEmpty(const LIST_ENTRY *ListHead)
{
	return (BOOLEAN)(ListHead->Flink == ListHead);
}

FORCEINLINE BOOLEAN RemoveEntryList(PLIST_ENTRY Entry)
{
	PLIST_ENTRY Flink = Entry->Flink, Blink = Entry->Blink;

	Blink->Flink = Flink;
	Flink->Blink = Blink;
	return (BOOLEAN)(Flink == Blink);
}

FORCEINLINE PLIST_ENTRY RemoveHeadList(PLIST_ENTRY ListHead)
{
	PLIST_ENTRY Entry = ListHead->Flink;

	RemoveEntryList(Entry);
	return Entry;
}

FORCEINLINE PLIST_ENTRY RemoveTailList(PLIST_ENTRY ListHead)
{
	PLIST_ENTRY Entry = ListHead->Blink;

	RemoveEntryList(Entry);
	return Entry;
}

FORCEINLINE VOID InsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
	PLIST_ENTRY Blink = ListHead->Blink;

	Entry->Flink = ListHead;
	Entry->Blink = Blink;
	Blink->Flink = Entry;
	ListHead->Blink = Entry;
}

FORCEINLINE VOID InsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
	PLIST_ENTRY Flink = ListHead->Flink;

	Entry->Flink = Flink;
	Entry->Blink = ListHead;
	Flink->Blink = Entry;
	ListHead->Flink = Entry;
}

/* Splices the list headed by ListToAppend (an entry, not a head) at the tail. */
FORCEINLINE VOID AppendTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListToAppend)
{
	PLIST_ENTRY ListEnd = ListHead->Blink;

	ListHead->Blink->Flink = ListToAppend;
	ListHead->Blink = ListToAppend->Blink;
	ListToAppend->Blink->Flink = ListHead;
	ListToAppend->Blink = ListEnd;
}

/* Singly linked lists */
FORCEINLINE PSINGLE_LIST_ENTRY PopEntryList(PSINGLE_LIST_ENTRY ListHead)
{
	PSINGLE_LIST_ENTRY FirstEntry = ListHead->Next;

	if (FirstEntry)
		ListHead->Next = FirstEntry->Next;
	return FirstEntry;
}

FORCEINLINE VOID PushEntryList(PSINGLE_LIST_ENTRY ListHead,
			       PSINGLE_LIST_ENTRY Entry)
{
	Entry->Next = ListHead->Next;
	ListHead->Next = Entry;
}

/*
 * Interlocked operations: full barriers, as on Windows. The value-returning
 * forms follow Windows: Increment/Decrement/Add return the new value,
 * Exchange/CompareExchange/ExchangeAdd/And/Or/Xor return the old one.
 */
#define WDM_ATOMIC_ORDER __ATOMIC_SEQ_CST

FORCEINLINE LONG InterlockedIncrement(LONG volatile *Addend)
{
	return __atomic_add_fetch(Addend, 1, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG InterlockedDecrement(LONG volatile *Addend)
{
	return __atomic_sub_fetch(Addend, 1, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG InterlockedExchange(LONG volatile *Target, LONG Value)
{
	return __atomic_exchange_n(Target, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG InterlockedExchangeAdd(LONG volatile *Addend, LONG Value)
{
	return __atomic_fetch_add(Addend, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG InterlockedAdd(LONG volatile *Addend, LONG Value)
{
	return __atomic_add_fetch(Addend, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG InterlockedCompareExchange(LONG volatile *Destination,
					    LONG Exchange, LONG Comperand)
{
	__atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0,
				    WDM_ATOMIC_ORDER, WDM_ATOMIC_ORDER);
	return Comperand;
}

FORCEINLINE LONG InterlockedAnd(LONG volatile *Destination, LONG Value)
{
	return __atomic_fetch_and(Destination, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG InterlockedOr(LONG volatile *Destination, LONG Value)
{
	return __atomic_fetch_or(Destination, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG InterlockedXor(LONG volatile *Destination, LONG Value)
{
	return __atomic_fetch_xor(Destination, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG64 InterlockedIncrement64(LONG64 volatile *Addend)
{
	return __atomic_add_fetch(Addend, 1, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG64 InterlockedDecrement64(LONG64 volatile *Addend)
{
	return __atomic_sub_fetch(Addend, 1, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG64 InterlockedExchange64(LONG64 volatile *Target, LONG64 Value)
{
	return __atomic_exchange_n(Target, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG64 InterlockedExchangeAdd64(LONG64 volatile *Addend,
					    LONG64 Value)
{
	return __atomic_fetch_add(Addend, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG64 InterlockedAdd64(LONG64 volatile *Addend, LONG64 Value)
{
	return __atomic_add_fetch(Addend, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG64 InterlockedCompareExchange64(LONG64 volatile *Destination,
						LONG64 Exchange,
						LONG64 Comperand)
{
	__atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0,
				    WDM_ATOMIC_ORDER, WDM_ATOMIC_ORDER);
	return Comperand;
}

FORCEINLINE LONG64 InterlockedAnd64(LONG64 volatile *Destination, LONG64 Value)
{
	return __atomic_fetch_and(Destination, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG64 InterlockedOr64(LONG64 volatile *Destination, LONG64 Value)
{
	return __atomic_fetch_or(Destination, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE LONG64 InterlockedXor64(LONG64 volatile *Destination, LONG64 Value)
{
	return __atomic_fetch_xor(Destination, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE PVOID InterlockedExchangePointer(PVOID volatile *Target,
					     PVOID Value)
{
	return __atomic_exchange_n(Target, Value, WDM_ATOMIC_ORDER);
}

FORCEINLINE PVOID InterlockedCompareExchangePointer(PVOID volatile *Destination,
						    PVOID Exchange,
						    PVOID Comperand)
{
	__atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0,
				    WDM_ATOMIC_ORDER, WDM_ATOMIC_ORDER);
	return Comperand;
}

FORCEINLINE VOID KeMemoryBarrier(VOID)
{
	__atomic_thread_fence(WDM_ATOMIC_ORDER);
}

#define MemoryBarrier() KeMemoryBarrier()
#define _ReadWriteBarrier() __asm__ __volatile__("" ::: "memory")
#define KeMemoryBarrierWithoutFence() _ReadWriteBarrier()

/* Strings */
VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString,
				PCWSTR SourceString);
NTSTATUS NTAPI RtlInitUnicodeStringEx(PUNICODE_STRING DestinationString,
				      PCWSTR SourceString);
VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString,
			     PCSZ SourceString);
NTSTATUS NTAPI RtlInitAnsiStringEx(PANSI_STRING DestinationString,
				   PCSZ SourceString);
VOID NTAPI RtlInitString(PSTRING DestinationString, PCSZ SourceString);
VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString,
				PCUNICODE_STRING SourceString);
VOID NTAPI RtlCopyString(PSTRING DestinationString, const STRING *SourceString);
LONG NTAPI RtlCompareUnicodeString(PCUNICODE_STRING String1,
				   PCUNICODE_STRING String2,
				   BOOLEAN CaseInSensitive);
BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1,
				    PCUNICODE_STRING String2,
				    BOOLEAN CaseInSensitive);
BOOLEAN NTAPI RtlPrefixUnicodeString(PCUNICODE_STRING String1,
				     PCUNICODE_STRING String2,
				     BOOLEAN CaseInSensitive);
LONG NTAPI RtlCompareString(const STRING *String1, const STRING *String2,
			    BOOLEAN CaseInSensitive);
BOOLEAN NTAPI RtlEqualString(const STRING *String1, const STRING *String2,
			     BOOLEAN CaseInSensitive);
NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING Destination,
					      PCUNICODE_STRING Source);
NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING Destination,
					PCWSTR Source);
NTSTATUS NTAPI RtlAppendStringToString(PSTRING Destination,
				       const STRING *Source);
WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR SourceCharacter);
WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR SourceCharacter);
NTSTATUS NTAPI RtlUpcaseUnicodeString(PUNICODE_STRING DestinationString,
				      PCUNICODE_STRING SourceString,
				      BOOLEAN AllocateDestinationString);
NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING DestinationString,
					    PCUNICODE_STRING SourceString,
					    BOOLEAN AllocateDestinationString);
NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING DestinationString,
					    PCANSI_STRING SourceString,
					    BOOLEAN AllocateDestinationString);
ULONG NTAPI RtlxUnicodeStringToAnsiSize(PCUNICODE_STRING UnicodeString);
ULONG NTAPI RtlxAnsiStringToUnicodeSize(PCANSI_STRING AnsiString);
#define RtlUnicodeStringToAnsiSize(s) RtlxUnicodeStringToAnsiSize(s)
#define RtlAnsiStringToUnicodeSize(s) RtlxAnsiStringToUnicodeSize(s)
VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString);
VOID NTAPI RtlFreeAnsiString(PANSI_STRING AnsiString);
NTSTATUS NTAPI RtlUnicodeStringToInteger(PCUNICODE_STRING String, ULONG Base,
					 PULONG Value);
NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG Value, ULONG Base,
					 PUNICODE_STRING String);

/* Debug output */
#define DPFLTR_ERROR_LEVEL	0
#define DPFLTR_WARNING_LEVEL	1
#define DPFLTR_TRACE_LEVEL	2
#define DPFLTR_INFO_LEVEL	3
#define DPFLTR_MASK		0x80000000
#define DPFLTR_IHVVIDEO_ID	78
#define DPFLTR_IHVAUDIO_ID	79
#define DPFLTR_IHVNETWORK_ID	80
#define DPFLTR_IHVSTREAMING_ID	81
#define DPFLTR_IHVBUS_ID	82
#define DPFLTR_IHVDRIVER_ID	77

ULONG __cdecl DbgPrint(PCSTR Format, ...);
ULONG __cdecl DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...);
ULONG NTAPI vDbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format,
			va_list arglist);

#if defined(DBG) && DBG
#define KdPrint(_x_) DbgPrint _x_
#define KdPrintEx(_x_) DbgPrintEx _x_
#define ASSERT(exp) \
	((!(exp)) ? (RtlAssert((PVOID)#exp, (PVOID)__FILE__, __LINE__, NULL), \
		     FALSE) : TRUE)
#define ASSERTMSG(msg, exp) \
	((!(exp)) ? (RtlAssert((PVOID)#exp, (PVOID)__FILE__, __LINE__, \
			       (PSTR)(msg)), FALSE) : TRUE)
#else
#define KdPrint(_x_)
#define KdPrintEx(_x_)
#define ASSERT(exp) ((void)0)
#define ASSERTMSG(msg, exp) ((void)0)
#endif
#define NT_ASSERT(exp) ASSERT(exp)
VOID NTAPI RtlAssert(PVOID FailedAssertion, PVOID FileName, ULONG LineNumber,
		     PSTR Message);

/*
 * Exceptions (see <excpt.h>). They transfer control to the innermost
 * __except of the thread that takes them; with none, the raise is
 * reported and the routine returns to its caller (where Windows would
 * bug-check), which is why none is declared noreturn.
 */
VOID NTAPI ExRaiseStatus(NTSTATUS Status);
VOID NTAPI ExRaiseAccessViolation(VOID);
VOID NTAPI ExRaiseDatatypeMisalignment(VOID);
VOID NTAPI ProbeForRead(const volatile VOID *Address, SIZE_T Length,
			ULONG Alignment);
VOID NTAPI ProbeForWrite(volatile VOID *Address, SIZE_T Length,
			 ULONG Alignment);

#include <wdmshim/ke.h>
#include <wdmshim/io.h>
#include <wdmshim/hal.h>

#endif /* _WDMSHIM_WDM_H */
