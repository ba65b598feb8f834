/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdmshim/io.h - the I/O manager's objects and routines for hosted drivers:
 * driver and device objects, file objects, IRPs and their stack
 * locations, MDLs. Field names are the WDK's. Included by <wdm.h>.
 */
#ifndef _WDMSHIM_IO_H
#define _WDMSHIM_IO_H

#define POINTER_ALIGNMENT DECLSPEC_ALIGN(8)

#include <wdmshim/pnp.h>

/* Object types (the Type field of I/O objects) */
#define IO_TYPE_ADAPTER		0x00000001
#define IO_TYPE_CONTROLLER	0x00000002
#define IO_TYPE_DEVICE		0x00000003
#define IO_TYPE_DRIVER		0x00000004
#define IO_TYPE_FILE		0x00000005
#define IO_TYPE_IRP		0x00000006
#define IO_TYPE_MASTER_ADAPTER	0x00000007
#define IO_TYPE_OPEN_PACKET	0x00000008
#define IO_TYPE_TIMER		0x00000009
#define IO_TYPE_VPB		0x0000000a
#define IO_TYPE_ERROR_LOG	0x0000000b
#define IO_TYPE_ERROR_MESSAGE	0x0000000c
#define IO_TYPE_DEVICE_OBJECT_EXTENSION 0x0000000d

typedef struct _IO_STATUS_BLOCK {
	union {
		NTSTATUS Status;
		PVOID Pointer;
	};
	ULONG_PTR Information;
} IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;

struct _DEVICE_OBJECT;
struct _DRIVER_OBJECT;
struct _IRP;
struct _FILE_OBJECT;

/* Memory descriptor lists */
typedef struct _MDL {
	struct _MDL *Next;
	CSHORT Size;
	CSHORT MdlFlags;
	PVOID Process;
	PVOID MappedSystemVa;
	PVOID StartVa;
	ULONG ByteCount;
	ULONG ByteOffset;
} MDL, *PMDL;

#define MDL_MAPPED_TO_SYSTEM_VA		0x0001
#define MDL_PAGES_LOCKED		0x0002
#define MDL_SOURCE_IS_NONPAGED_POOL	0x0004
#define MDL_ALLOCATED_FIXED_SIZE	0x0008
#define MDL_PARTIAL			0x0010
#define MDL_IO_SPACE			0x0800

typedef enum _LOCK_OPERATION {
	IoReadAccess,
	IoWriteAccess,
	IoModifyAccess
} LOCK_OPERATION;

typedef enum _MEMORY_CACHING_TYPE {
	MmNotMapped = -1,
	MmNonCached = 0,
	MmCached = 1,
	MmWriteCombined = 2,
	MmHardwareCoherentCached = 3,
	MmNonCachedUnordered = 4,
	MmUSWCCached = 5,
	MmMaximumCacheType = 6,
} MEMORY_CACHING_TYPE;

typedef enum _MM_PAGE_PRIORITY {
	LowPagePriority,
	NormalPagePriority = 16,
	HighPagePriority = 32
} MM_PAGE_PRIORITY;

#define MdlMappingNoWrite	0x80000000
#define MdlMappingNoExecute	0x40000000

#define MmGetMdlByteCount(Mdl)		((Mdl)->ByteCount)
#define MmGetMdlByteOffset(Mdl)		((Mdl)->ByteOffset)
#define MmGetMdlVirtualAddress(Mdl) \
	((PVOID)((PCHAR)((Mdl)->StartVa) + (Mdl)->ByteOffset))
#define MmGetSystemAddressForMdlSafe(Mdl, Priority)			\
	(((Mdl)->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA |			\
			     MDL_SOURCE_IS_NONPAGED_POOL)) ?		\
	 ((Mdl)->MappedSystemVa) :					\
	 (MmMapLockedPagesSpecifyCache((Mdl), KernelMode, MmCached,	\
				       NULL, FALSE, (Priority))))

PMDL NTAPI IoAllocateMdl(PVOID VirtualAddress, ULONG Length,
			 BOOLEAN SecondaryBuffer, BOOLEAN ChargeQuota,
			 struct _IRP *Irp);
VOID NTAPI IoFreeMdl(PMDL Mdl);
VOID NTAPI MmProbeAndLockPages(PMDL MemoryDescriptorList,
			       KPROCESSOR_MODE AccessMode,
			       LOCK_OPERATION Operation);
VOID NTAPI MmUnlockPages(PMDL MemoryDescriptorList);
VOID NTAPI MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList);
PVOID NTAPI MmMapLockedPagesSpecifyCache(PMDL MemoryDescriptorList,
					 KPROCESSOR_MODE AccessMode,
					 MEMORY_CACHING_TYPE CacheType,
					 PVOID RequestedAddress,
					 ULONG BugCheckOnFailure,
					 ULONG Priority);
VOID NTAPI MmUnmapLockedPages(PVOID BaseAddress, PMDL MemoryDescriptorList);

/* Driver routine roles */
typedef NTSTATUS NTAPI DRIVER_INITIALIZE(struct _DRIVER_OBJECT *DriverObject,
					 PUNICODE_STRING RegistryPath);
typedef DRIVER_INITIALIZE *PDRIVER_INITIALIZE;
typedef NTSTATUS NTAPI DRIVER_ADD_DEVICE(struct _DRIVER_OBJECT *DriverObject,
					 struct _DEVICE_OBJECT *PhysicalDeviceObject);
typedef DRIVER_ADD_DEVICE *PDRIVER_ADD_DEVICE;
typedef NTSTATUS NTAPI DRIVER_DISPATCH(struct _DEVICE_OBJECT *DeviceObject,
				       struct _IRP *Irp);
typedef DRIVER_DISPATCH *PDRIVER_DISPATCH;
typedef DRIVER_DISPATCH DRIVER_DISPATCH_RAISED;
typedef DRIVER_DISPATCH DRIVER_DISPATCH_PAGED;
typedef VOID NTAPI DRIVER_STARTIO(struct _DEVICE_OBJECT *DeviceObject,
				  struct _IRP *Irp);
typedef DRIVER_STARTIO *PDRIVER_STARTIO;
typedef VOID NTAPI DRIVER_UNLOAD(struct _DRIVER_OBJECT *DriverObject);
typedef DRIVER_UNLOAD *PDRIVER_UNLOAD;
typedef VOID NTAPI DRIVER_CANCEL(struct _DEVICE_OBJECT *DeviceObject,
				 struct _IRP *Irp);
typedef DRIVER_CANCEL *PDRIVER_CANCEL;
typedef NTSTATUS NTAPI IO_COMPLETION_ROUTINE(struct _DEVICE_OBJECT *DeviceObject,
					     struct _IRP *Irp, PVOID Context);
typedef IO_COMPLETION_ROUTINE *PIO_COMPLETION_ROUTINE;
/* What a completion routine returns to let the completion walk go on. */
#define STATUS_CONTINUE_COMPLETION	STATUS_SUCCESS

typedef struct _DRIVER_EXTENSION {
	struct _DRIVER_OBJECT *DriverObject;
	PDRIVER_ADD_DEVICE AddDevice;
	ULONG Count;
	UNICODE_STRING ServiceKeyName;
} DRIVER_EXTENSION, *PDRIVER_EXTENSION;

typedef struct _DRIVER_OBJECT {
	CSHORT Type;
	CSHORT Size;
	struct _DEVICE_OBJECT *DeviceObject;	/* list via NextDevice */
	ULONG Flags;
	PVOID DriverStart;
	ULONG DriverSize;
	PVOID DriverSection;
	PDRIVER_EXTENSION DriverExtension;
	UNICODE_STRING DriverName;
	PUNICODE_STRING HardwareDatabase;
	PVOID FastIoDispatch;
	PDRIVER_INITIALIZE DriverInit;
	PDRIVER_STARTIO DriverStartIo;
	PDRIVER_UNLOAD DriverUnload;
	PDRIVER_DISPATCH MajorFunction[IRP_MJ_MAXIMUM_FUNCTION + 1];
} DRIVER_OBJECT, *PDRIVER_OBJECT;

typedef struct _DEVOBJ_EXTENSION {
	CSHORT Type;
	USHORT Size;
	struct _DEVICE_OBJECT *DeviceObject;
	struct _DEVICE_OBJECT *AttachedTo;	/* the device below */
} DEVOBJ_EXTENSION, *PDEVOBJ_EXTENSION;

typedef struct _DEVICE_OBJECT {
	CSHORT Type;
	USHORT Size;
	LONG ReferenceCount;
	struct _DRIVER_OBJECT *DriverObject;
	struct _DEVICE_OBJECT *NextDevice;	/* next of the same driver */
	struct _DEVICE_OBJECT *AttachedDevice;	/* the device above */
	struct _IRP *CurrentIrp;
	PVOID Timer;
	ULONG Flags;
	ULONG Characteristics;
	PVOID Vpb;
	PVOID DeviceExtension;
	DEVICE_TYPE DeviceType;
	CCHAR StackSize;
	ULONG AlignmentRequirement;
	KDEVICE_QUEUE DeviceQueue;
	KDPC Dpc;			/* IoInitializeDpcRequest's */
	PDEVOBJ_EXTENSION DeviceObjectExtension;
	PVOID Reserved;
} DEVICE_OBJECT, *PDEVICE_OBJECT;

typedef struct _FILE_OBJECT {
	CSHORT Type;
	CSHORT Size;
	PDEVICE_OBJECT DeviceObject;
	PVOID Vpb;
	PVOID FsContext;
	PVOID FsContext2;
	PVOID SectionObjectPointer;
	PVOID PrivateCacheMap;
	NTSTATUS FinalStatus;
	struct _FILE_OBJECT *RelatedFileObject;
	BOOLEAN LockOperation;
	BOOLEAN DeletePending;
	BOOLEAN ReadAccess;
	BOOLEAN WriteAccess;
	BOOLEAN DeleteAccess;
	BOOLEAN SharedRead;
	BOOLEAN SharedWrite;
	BOOLEAN SharedDelete;
	ULONG Flags;
	UNICODE_STRING FileName;
	LARGE_INTEGER CurrentByteOffset;
} FILE_OBJECT, *PFILE_OBJECT;

/* I/O stack locations */
typedef struct _IO_STACK_LOCATION {
	UCHAR MajorFunction;
	UCHAR MinorFunction;
	UCHAR Flags;
	UCHAR Control;
	union {
		struct {
			PVOID SecurityContext;
			ULONG Options;
			USHORT POINTER_ALIGNMENT FileAttributes;
			USHORT ShareAccess;
			ULONG POINTER_ALIGNMENT EaLength;
		} Create;
		struct {
			ULONG Length;
			ULONG POINTER_ALIGNMENT Key;
			LARGE_INTEGER ByteOffset;
		} Read;
		struct {
			ULONG Length;
			ULONG POINTER_ALIGNMENT Key;
			LARGE_INTEGER ByteOffset;
		} Write;
		struct {
			ULONG OutputBufferLength;
			ULONG POINTER_ALIGNMENT InputBufferLength;
			ULONG POINTER_ALIGNMENT IoControlCode;
			PVOID Type3InputBuffer;
		} DeviceIoControl;
		struct {
			DEVICE_RELATION_TYPE Type;
		} QueryDeviceRelations;
		struct {
			CONST GUID *InterfaceType;
			USHORT Size;
			USHORT Version;
			PINTERFACE Interface;
			PVOID InterfaceSpecificData;
		} QueryInterface;
		struct {
			PDEVICE_CAPABILITIES Capabilities;
		} DeviceCapabilities;
		struct {
			PIO_RESOURCE_REQUIREMENTS_LIST IoResourceRequirementList;
		} FilterResourceRequirements;
		struct {
			ULONG WhichSpace;
			PVOID Buffer;
			ULONG Offset;
			ULONG POINTER_ALIGNMENT Length;
		} ReadWriteConfig;
		struct {
			BUS_QUERY_ID_TYPE IdType;
		} QueryId;
		struct {
			DEVICE_TEXT_TYPE DeviceTextType;
			ULONG POINTER_ALIGNMENT LocaleId;
		} QueryDeviceText;
		struct {
			BOOLEAN InPath;
			BOOLEAN Reserved[3];
			DEVICE_USAGE_NOTIFICATION_TYPE POINTER_ALIGNMENT Type;
		} UsageNotification;
		struct {
			SYSTEM_POWER_STATE PowerState;
		} WaitWake;
		struct {
			ULONG SystemContext;
			POWER_STATE_TYPE POINTER_ALIGNMENT Type;
			POWER_STATE POINTER_ALIGNMENT State;
			POWER_ACTION POINTER_ALIGNMENT ShutdownType;
		} Power;
		struct {
			PCM_RESOURCE_LIST AllocatedResources;
			PCM_RESOURCE_LIST AllocatedResourcesTranslated;
		} StartDevice;
		struct {
			PVOID Argument1;
			PVOID Argument2;
			PVOID Argument3;
			PVOID Argument4;
		} Others;
	} Parameters;
	PDEVICE_OBJECT DeviceObject;
	PFILE_OBJECT FileObject;
	PIO_COMPLETION_ROUTINE CompletionRoutine;
	PVOID Context;
} IO_STACK_LOCATION, *PIO_STACK_LOCATION;

/* IRPs */
#define IRP_NOCACHE			0x00000001
#define IRP_PAGING_IO			0x00000002
#define IRP_MOUNT_COMPLETION		0x00000002
#define IRP_SYNCHRONOUS_API		0x00000004
#define IRP_ASSOCIATED_IRP		0x00000008
#define IRP_BUFFERED_IO			0x00000010
#define IRP_DEALLOCATE_BUFFER		0x00000020
#define IRP_INPUT_OPERATION		0x00000040
#define IRP_SYNCHRONOUS_PAGING_IO	0x00000040
#define IRP_CREATE_OPERATION		0x00000080
#define IRP_READ_OPERATION		0x00000100
#define IRP_WRITE_OPERATION		0x00000200
#define IRP_CLOSE_OPERATION		0x00000400
#define IRP_DEFER_IO_COMPLETION		0x00000800

typedef struct _IRP {
	CSHORT Type;
	USHORT Size;
	PMDL MdlAddress;
	ULONG Flags;
	union {
		struct _IRP *MasterIrp;
		LONG IrpCount;
		PVOID SystemBuffer;
	} AssociatedIrp;
	LIST_ENTRY ThreadListEntry;
	IO_STATUS_BLOCK IoStatus;
	KPROCESSOR_MODE RequestorMode;
	BOOLEAN PendingReturned;
	CHAR StackCount;
	CHAR CurrentLocation;
	BOOLEAN Cancel;
	KIRQL CancelIrql;
	CCHAR ApcEnvironment;
	UCHAR AllocationFlags;
	PIO_STATUS_BLOCK UserIosb;
	PKEVENT UserEvent;
	union {
		struct {
			PVOID UserApcRoutine;
			PVOID UserApcContext;
		} AsynchronousParameters;
		LARGE_INTEGER AllocationSize;
	} Overlay;
	PDRIVER_CANCEL CancelRoutine;
	PVOID UserBuffer;
	union {
		struct {
			union {
				KDEVICE_QUEUE_ENTRY DeviceQueueEntry;
				PVOID DriverContext[4];
			};
			PVOID Thread;
			PCHAR AuxiliaryBuffer;
			LIST_ENTRY ListEntry;
			union {
				struct _IO_STACK_LOCATION *CurrentStackLocation;
				ULONG PacketType;
			};
			PFILE_OBJECT OriginalFileObject;
		} Overlay;
		PVOID CompletionKey;
	} Tail;
} IRP, *PIRP;

/* Device object creation, naming and stacking */
NTSTATUS NTAPI IoCreateDevice(PDRIVER_OBJECT DriverObject,
			      ULONG DeviceExtensionSize,
			      PUNICODE_STRING DeviceName,
			      DEVICE_TYPE DeviceType,
			      ULONG DeviceCharacteristics, BOOLEAN Exclusive,
			      PDEVICE_OBJECT *DeviceObject);
VOID NTAPI IoDeleteDevice(PDEVICE_OBJECT DeviceObject);
NTSTATUS NTAPI IoCreateSymbolicLink(PUNICODE_STRING SymbolicLinkName,
				    PUNICODE_STRING DeviceName);
NTSTATUS NTAPI IoDeleteSymbolicLink(PUNICODE_STRING SymbolicLinkName);
PDEVICE_OBJECT NTAPI IoAttachDeviceToDeviceStack(PDEVICE_OBJECT SourceDevice,
						 PDEVICE_OBJECT TargetDevice);
NTSTATUS NTAPI IoAttachDeviceToDeviceStackSafe(PDEVICE_OBJECT SourceDevice,
					       PDEVICE_OBJECT TargetDevice,
					       PDEVICE_OBJECT *AttachedToDeviceObject);
NTSTATUS NTAPI IoAttachDevice(PDEVICE_OBJECT SourceDevice,
			      PUNICODE_STRING TargetDevice,
			      PDEVICE_OBJECT *AttachedDevice);
VOID NTAPI IoDetachDevice(PDEVICE_OBJECT TargetDevice);
NTSTATUS NTAPI IoGetDeviceObjectPointer(PUNICODE_STRING ObjectName,
					ACCESS_MASK DesiredAccess,
					PFILE_OBJECT *FileObject,
					PDEVICE_OBJECT *DeviceObject);
PDEVICE_OBJECT NTAPI IoGetAttachedDeviceReference(PDEVICE_OBJECT DeviceObject);
PDEVICE_OBJECT NTAPI IoGetLowerDeviceObject(PDEVICE_OBJECT DeviceObject);
VOID NTAPI ObReferenceObject(PVOID Object);
VOID NTAPI ObDereferenceObject(PVOID Object);
#define ObfReferenceObject ObReferenceObject
#define ObfDereferenceObject ObDereferenceObject

/*
 * System threads: a kthread per PsCreateSystemThread. Its handle (a
 * kernel handle, closed with ZwClose) gives, through
 * ObReferenceObjectByHandle, a thread object: a dispatcher object
 * (ThreadObject) signalled when the thread exits.
 */
typedef struct _OBJECT_ATTRIBUTES {
	ULONG Length;
	HANDLE RootDirectory;
	PUNICODE_STRING ObjectName;
	ULONG Attributes;
	PVOID SecurityDescriptor;
	PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;

#define OBJ_KERNEL_HANDLE	0x00000200

#define InitializeObjectAttributes(p, n, a, r, s)			\
	do {								\
		(p)->Length = sizeof(OBJECT_ATTRIBUTES);		\
		(p)->RootDirectory = (r);				\
		(p)->Attributes = (a);					\
		(p)->ObjectName = (n);					\
		(p)->SecurityDescriptor = (s);				\
		(p)->SecurityQualityOfService = NULL;			\
	} while (0)

typedef struct _CLIENT_ID {
	HANDLE UniqueProcess;
	HANDLE UniqueThread;
} CLIENT_ID, *PCLIENT_ID;

typedef struct _OBJECT_HANDLE_INFORMATION {
	ULONG HandleAttributes;
	ACCESS_MASK GrantedAccess;
} OBJECT_HANDLE_INFORMATION, *POBJECT_HANDLE_INFORMATION;

typedef struct _OBJECT_TYPE *POBJECT_TYPE;
extern POBJECT_TYPE *PsThreadType;

#define THREAD_ALL_ACCESS	(STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFF)

typedef VOID NTAPI KSTART_ROUTINE(PVOID StartContext);
typedef KSTART_ROUTINE *PKSTART_ROUTINE;

NTSTATUS NTAPI PsCreateSystemThread(PHANDLE ThreadHandle,
				    ULONG DesiredAccess,
				    POBJECT_ATTRIBUTES ObjectAttributes,
				    HANDLE ProcessHandle, PCLIENT_ID ClientId,
				    PKSTART_ROUTINE StartRoutine,
				    PVOID StartContext);
NTSTATUS NTAPI PsTerminateSystemThread(NTSTATUS ExitStatus);
NTSTATUS NTAPI ObReferenceObjectByHandle(HANDLE Handle,
					 ACCESS_MASK DesiredAccess,
					 POBJECT_TYPE ObjectType,
					 KPROCESSOR_MODE AccessMode,
					 PVOID *Object,
					 POBJECT_HANDLE_INFORMATION HandleInformation);
NTSTATUS NTAPI ZwClose(HANDLE Handle);

/* IRP allocation and processing */
PIRP NTAPI IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota);
VOID NTAPI IoInitializeIrp(PIRP Irp, USHORT PacketSize, CCHAR StackSize);
VOID NTAPI IoReuseIrp(PIRP Irp, NTSTATUS Iostatus);
VOID NTAPI IoFreeIrp(PIRP Irp);
#define IoSizeOfIrp(StackSize) \
	((USHORT)(sizeof(IRP) + ((StackSize) * sizeof(IO_STACK_LOCATION))))
NTSTATUS NTAPI IofCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp);
#define IoCallDriver(DeviceObject, Irp) IofCallDriver((DeviceObject), (Irp))
VOID NTAPI IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost);
#define IoCompleteRequest(Irp, PriorityBoost) \
	IofCompleteRequest((Irp), (PriorityBoost))
BOOLEAN NTAPI IoCancelIrp(PIRP Irp);
VOID NTAPI IoAcquireCancelSpinLock(PKIRQL Irql);
VOID NTAPI IoReleaseCancelSpinLock(KIRQL Irql);
PIRP NTAPI IoBuildDeviceIoControlRequest(ULONG IoControlCode,
					 PDEVICE_OBJECT DeviceObject,
					 PVOID InputBuffer,
					 ULONG InputBufferLength,
					 PVOID OutputBuffer,
					 ULONG OutputBufferLength,
					 BOOLEAN InternalDeviceIoControl,
					 PKEVENT Event,
					 PIO_STATUS_BLOCK IoStatusBlock);
PIRP NTAPI IoBuildSynchronousFsdRequest(ULONG MajorFunction,
					PDEVICE_OBJECT DeviceObject,
					PVOID Buffer, ULONG Length,
					PLARGE_INTEGER StartingOffset,
					PKEVENT Event,
					PIO_STATUS_BLOCK IoStatusBlock);
PIRP NTAPI IoBuildAsynchronousFsdRequest(ULONG MajorFunction,
					 PDEVICE_OBJECT DeviceObject,
					 PVOID Buffer, ULONG Length,
					 PLARGE_INTEGER StartingOffset,
					 PIO_STATUS_BLOCK IoStatusBlock);

FORCEINLINE PIO_STACK_LOCATION IoGetCurrentIrpStackLocation(PIRP Irp)
{
	return Irp->Tail.Overlay.CurrentStackLocation;
}

FORCEINLINE PIO_STACK_LOCATION IoGetNextIrpStackLocation(PIRP Irp)
{
	return Irp->Tail.Overlay.CurrentStackLocation - 1;
}

FORCEINLINE VOID IoSkipCurrentIrpStackLocation(PIRP Irp)
{
	Irp->CurrentLocation++;
	Irp->Tail.Overlay.CurrentStackLocation++;
}

FORCEINLINE VOID IoSetNextIrpStackLocation(PIRP Irp)
{
	Irp->CurrentLocation--;
	Irp->Tail.Overlay.CurrentStackLocation--;
}

FORCEINLINE VOID IoCopyCurrentIrpStackLocationToNext(PIRP Irp)
{
	PIO_STACK_LOCATION cur = IoGetCurrentIrpStackLocation(Irp);
	PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(Irp);

	__builtin_memcpy(next, cur,
			 FIELD_OFFSET(IO_STACK_LOCATION, CompletionRoutine));
	next->Control = 0;
}

FORCEINLINE VOID IoSetCompletionRoutine(PIRP Irp,
					PIO_COMPLETION_ROUTINE CompletionRoutine,
					PVOID Context, BOOLEAN InvokeOnSuccess,
					BOOLEAN InvokeOnError,
					BOOLEAN InvokeOnCancel)
{
	PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(Irp);

	next->CompletionRoutine = CompletionRoutine;
	next->Context = Context;
	next->Control = 0;
	if (InvokeOnSuccess)
		next->Control |= SL_INVOKE_ON_SUCCESS;
	if (InvokeOnError)
		next->Control |= SL_INVOKE_ON_ERROR;
	if (InvokeOnCancel)
		next->Control |= SL_INVOKE_ON_CANCEL;
}

NTSTATUS NTAPI IoSetCompletionRoutineEx(PDEVICE_OBJECT DeviceObject, PIRP Irp,
					PIO_COMPLETION_ROUTINE CompletionRoutine,
					PVOID Context, BOOLEAN InvokeOnSuccess,
					BOOLEAN InvokeOnError,
					BOOLEAN InvokeOnCancel);

/* StartIo: one IRP at a time per device, from a thread that serves it. */
VOID NTAPI IoStartPacket(PDEVICE_OBJECT DeviceObject, PIRP Irp, PULONG Key,
			 PDRIVER_CANCEL CancelFunction);
VOID NTAPI IoStartNextPacket(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable);
VOID NTAPI IoStartNextPacketByKey(PDEVICE_OBJECT DeviceObject,
				  BOOLEAN Cancelable, ULONG Key);
VOID NTAPI IoSetStartIoAttributes(PDEVICE_OBJECT DeviceObject,
				  BOOLEAN DeferredStartIo,
				  BOOLEAN NonCancelable);

/* Cancel-safe IRP queues: the driver's queue, the I/O manager's locking. */
#define IO_TYPE_CSQ_IRP_CONTEXT	1
#define IO_TYPE_CSQ		2
#define IO_TYPE_CSQ_EX		3

struct _IO_CSQ;

typedef struct _IO_CSQ_IRP_CONTEXT {
	ULONG Type;
	struct _IRP *Irp;
	struct _IO_CSQ *Csq;
} IO_CSQ_IRP_CONTEXT, *PIO_CSQ_IRP_CONTEXT;

typedef VOID NTAPI IO_CSQ_INSERT_IRP(struct _IO_CSQ *Csq, PIRP Irp);
typedef IO_CSQ_INSERT_IRP *PIO_CSQ_INSERT_IRP;
typedef NTSTATUS NTAPI IO_CSQ_INSERT_IRP_EX(struct _IO_CSQ *Csq, PIRP Irp,
					    PVOID InsertContext);
typedef IO_CSQ_INSERT_IRP_EX *PIO_CSQ_INSERT_IRP_EX;
typedef VOID NTAPI IO_CSQ_REMOVE_IRP(struct _IO_CSQ *Csq, PIRP Irp);
typedef IO_CSQ_REMOVE_IRP *PIO_CSQ_REMOVE_IRP;
typedef PIRP NTAPI IO_CSQ_PEEK_NEXT_IRP(struct _IO_CSQ *Csq, PIRP Irp,
					PVOID PeekContext);
typedef IO_CSQ_PEEK_NEXT_IRP *PIO_CSQ_PEEK_NEXT_IRP;
typedef VOID NTAPI IO_CSQ_ACQUIRE_LOCK(struct _IO_CSQ *Csq, PKIRQL Irql);
typedef IO_CSQ_ACQUIRE_LOCK *PIO_CSQ_ACQUIRE_LOCK;
typedef VOID NTAPI IO_CSQ_RELEASE_LOCK(struct _IO_CSQ *Csq, KIRQL Irql);
typedef IO_CSQ_RELEASE_LOCK *PIO_CSQ_RELEASE_LOCK;
typedef VOID NTAPI IO_CSQ_COMPLETE_CANCELED_IRP(struct _IO_CSQ *Csq, PIRP Irp);
typedef IO_CSQ_COMPLETE_CANCELED_IRP *PIO_CSQ_COMPLETE_CANCELED_IRP;

typedef struct _IO_CSQ {
	ULONG Type;
	PIO_CSQ_INSERT_IRP CsqInsertIrp;	/* ..._EX for IO_TYPE_CSQ_EX */
	PIO_CSQ_REMOVE_IRP CsqRemoveIrp;
	PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp;
	PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock;
	PIO_CSQ_RELEASE_LOCK CsqReleaseLock;
	PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp;
	PVOID ReservePointer;
} IO_CSQ, *PIO_CSQ;

NTSTATUS NTAPI IoCsqInitialize(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP CsqInsertIrp,
			       PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
			       PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
			       PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
			       PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
			       PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp);
NTSTATUS NTAPI IoCsqInitializeEx(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP_EX CsqInsertIrp,
				 PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
				 PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
				 PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
				 PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
				 PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp);
VOID NTAPI IoCsqInsertIrp(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context);
NTSTATUS NTAPI IoCsqInsertIrpEx(PIO_CSQ Csq, PIRP Irp,
				PIO_CSQ_IRP_CONTEXT Context,
				PVOID InsertContext);
PIRP NTAPI IoCsqRemoveIrp(PIO_CSQ Csq, PIO_CSQ_IRP_CONTEXT Context);
PIRP NTAPI IoCsqRemoveNextIrp(PIO_CSQ Csq, PVOID PeekContext);

typedef VOID NTAPI IO_DPC_ROUTINE(PKDPC Dpc, struct _DEVICE_OBJECT *DeviceObject,
				   struct _IRP *Irp, PVOID Context);
typedef IO_DPC_ROUTINE *PIO_DPC_ROUTINE;

/* The device's DPC runs DpcRoutine(Dpc, DeviceObject, Irp, Context). */
FORCEINLINE VOID IoInitializeDpcRequest(PDEVICE_OBJECT DeviceObject,
					PIO_DPC_ROUTINE DpcRoutine)
{
	KeInitializeDpc(&DeviceObject->Dpc, (PKDEFERRED_ROUTINE)DpcRoutine,
			DeviceObject);
}

FORCEINLINE VOID IoRequestDpc(PDEVICE_OBJECT DeviceObject, PIRP Irp,
			      PVOID Context)
{
	KeInsertQueueDpc(&DeviceObject->Dpc, Irp, Context);
}

FORCEINLINE VOID IoMarkIrpPending(PIRP Irp)
{
	IoGetCurrentIrpStackLocation(Irp)->Control |= SL_PENDING_RETURNED;
}

FORCEINLINE PDRIVER_CANCEL IoSetCancelRoutine(PIRP Irp,
					      PDRIVER_CANCEL CancelRoutine)
{
	return (PDRIVER_CANCEL)InterlockedExchangePointer(
		(PVOID volatile *)&Irp->CancelRoutine, (PVOID)CancelRoutine);
}

/*
 * Work items: the routine runs at PASSIVE_LEVEL on a Linux workqueue; a
 * queued item holds a reference on its device object and keeps the
 * driver loaded until it has run.
 */
typedef enum _WORK_QUEUE_TYPE {
	CriticalWorkQueue,
	DelayedWorkQueue,
	HyperCriticalWorkQueue,
	NormalWorkQueue,
	BackgroundWorkQueue,
	RealTimeWorkQueue,
	SuperCriticalWorkQueue,
	MaximumWorkQueue,
	CustomPriorityWorkQueue = 32
} WORK_QUEUE_TYPE;

typedef struct _IO_WORKITEM IO_WORKITEM, *PIO_WORKITEM;
typedef VOID NTAPI IO_WORKITEM_ROUTINE(PDEVICE_OBJECT DeviceObject,
				       PVOID Context);
typedef IO_WORKITEM_ROUTINE *PIO_WORKITEM_ROUTINE;

PIO_WORKITEM NTAPI IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject);
VOID NTAPI IoFreeWorkItem(PIO_WORKITEM IoWorkItem);
VOID NTAPI IoQueueWorkItem(PIO_WORKITEM IoWorkItem,
			   PIO_WORKITEM_ROUTINE WorkerRoutine,
			   WORK_QUEUE_TYPE QueueType, PVOID Context);
ULONG NTAPI IoSizeofWorkItem(VOID);
VOID NTAPI IoInitializeWorkItem(PVOID IoObject, PIO_WORKITEM IoWorkItem);
VOID NTAPI IoUninitializeWorkItem(PIO_WORKITEM IoWorkItem);

/*
 * Plug and Play (wdmshim/pnp.h has the types). The PnP manager calls
 * DriverExtension->AddDevice with the PDO of a device it found (a PCI
 * device the driver's INF names), then sends IRP_MJ_PNP requests down
 * the stack: IRP_MN_START_DEVICE with the device's resources, and
 * IRP_MN_QUERY_REMOVE_DEVICE or IRP_MN_SURPRISE_REMOVAL, then
 * IRP_MN_REMOVE_DEVICE, when it goes.
 */
NTSTATUS NTAPI IoGetDeviceProperty(PDEVICE_OBJECT DeviceObject,
				   DEVICE_REGISTRY_PROPERTY DeviceProperty,
				   ULONG BufferLength, PVOID PropertyBuffer,
				   PULONG ResultLength);
NTSTATUS NTAPI IoRegisterDeviceInterface(PDEVICE_OBJECT PhysicalDeviceObject,
					 CONST GUID *InterfaceClassGuid,
					 PUNICODE_STRING ReferenceString,
					 PUNICODE_STRING SymbolicLinkName);
NTSTATUS NTAPI IoSetDeviceInterfaceState(PUNICODE_STRING SymbolicLinkName,
					 BOOLEAN Enable);
BOOLEAN NTAPI IoForwardIrpSynchronously(PDEVICE_OBJECT DeviceObject,
					PIRP Irp);

/* Remove locks */
VOID NTAPI IoInitializeRemoveLockEx(PIO_REMOVE_LOCK Lock, ULONG AllocateTag,
				    ULONG MaxLockedMinutes,
				    ULONG HighWatermark, ULONG RemlockSize);
NTSTATUS NTAPI IoAcquireRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
				     PCSTR File, ULONG Line,
				     ULONG RemlockSize);
VOID NTAPI IoReleaseRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
				 ULONG RemlockSize);
VOID NTAPI IoReleaseRemoveLockAndWaitEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
					ULONG RemlockSize);
#define IoInitializeRemoveLock(Lock, AllocateTag, MaxLockedMinutes, HighWatermark) \
	IoInitializeRemoveLockEx(Lock, AllocateTag, MaxLockedMinutes, \
				 HighWatermark, sizeof(IO_REMOVE_LOCK))
#define IoAcquireRemoveLock(RemoveLock, Tag) \
	IoAcquireRemoveLockEx(RemoveLock, Tag, __FILE__, __LINE__, \
			      sizeof(IO_REMOVE_LOCK))
#define IoReleaseRemoveLock(RemoveLock, Tag) \
	IoReleaseRemoveLockEx(RemoveLock, Tag, sizeof(IO_REMOVE_LOCK))
#define IoReleaseRemoveLockAndWait(RemoveLock, Tag) \
	IoReleaseRemoveLockAndWaitEx(RemoveLock, Tag, sizeof(IO_REMOVE_LOCK))

/* Power IRPs pass through the stack like any other. */
NTSTATUS NTAPI PoCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp);
VOID NTAPI PoStartNextPowerIrp(PIRP Irp);
POWER_STATE NTAPI PoSetPowerState(PDEVICE_OBJECT DeviceObject,
				  POWER_STATE_TYPE Type, POWER_STATE State);

/* PAGED_CODE: a routine that may only run at PASSIVE/APC level. */
VOID NTAPI wdm_paged_code_check(PCSTR Function);
#define PAGED_CODE() wdm_paged_code_check(__func__)
#define PAGED_CODE_LOCKED()

#endif /* _WDMSHIM_IO_H */
