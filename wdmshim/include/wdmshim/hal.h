/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdmshim/hal.h - hardware access for hosted drivers: I/O space mappings,
 * register and port access, interrupt objects and DMA adapters. Field
 * names and values are the WDK's. Included by <wdm.h>.
 *
 * Register and port accessors are inlines, as in the WDK. They are the
 * x86-64 instructions Linux' readb()/writeb()/inb()/outb() are made of
 * (these headers include no Linux header); each register write is followed
 * by a full fence, as the WDK's amd64 accessors do, so writes to a
 * write-combined mapping are posted in order. A port is its number cast
 * to a pointer, as on x86 Windows.
 */
#ifndef _WDMSHIM_HAL_H
#define _WDMSHIM_HAL_H

#ifndef __x86_64__
#error "wdmshim's register and port accessors are written for x86-64"
#endif

/*
 * Memory protection, for MmMapIoSpaceEx. Linux has a PAGE_READONLY of its
 * own: wdmshim's sources (WDMSHIM_HOST) use the WDM_PAGE_* names.
 */
#define WDM_PAGE_NOACCESS		0x01
#define WDM_PAGE_READONLY		0x02
#define WDM_PAGE_READWRITE		0x04
#define WDM_PAGE_WRITECOPY		0x08
#define WDM_PAGE_EXECUTE		0x10
#define WDM_PAGE_EXECUTE_READ		0x20
#define WDM_PAGE_EXECUTE_READWRITE	0x40
#define WDM_PAGE_EXECUTE_WRITECOPY	0x80
#define WDM_PAGE_GUARD			0x100
#define WDM_PAGE_NOCACHE		0x200
#define WDM_PAGE_WRITECOMBINE		0x400
#ifndef WDMSHIM_HOST
#define PAGE_NOACCESS		WDM_PAGE_NOACCESS
#define PAGE_READONLY		WDM_PAGE_READONLY
#define PAGE_READWRITE		WDM_PAGE_READWRITE
#define PAGE_WRITECOPY		WDM_PAGE_WRITECOPY
#define PAGE_EXECUTE		WDM_PAGE_EXECUTE
#define PAGE_EXECUTE_READ	WDM_PAGE_EXECUTE_READ
#define PAGE_EXECUTE_READWRITE	WDM_PAGE_EXECUTE_READWRITE
#define PAGE_EXECUTE_WRITECOPY	WDM_PAGE_EXECUTE_WRITECOPY
#define PAGE_GUARD		WDM_PAGE_GUARD
#define PAGE_NOCACHE		WDM_PAGE_NOCACHE
#define PAGE_WRITECOMBINE	WDM_PAGE_WRITECOMBINE
#endif

/*
 * I/O space: device memory (a translated CmResourceTypeMemory range)
 * mapped into system space, at PASSIVE_LEVEL (Linux' ioremap() sleeps).
 * System RAM can only be mapped cached.
 */
PVOID NTAPI MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress,
			 SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE CacheType);
PVOID NTAPI MmMapIoSpaceEx(PHYSICAL_ADDRESS PhysicalAddress,
			   SIZE_T NumberOfBytes, ULONG Protect);
VOID NTAPI MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes);

/* Registers: addresses inside a mapping from MmMapIoSpace */
FORCEINLINE UCHAR READ_REGISTER_UCHAR(volatile UCHAR *Register)
{
	UCHAR v;

	__asm__ __volatile__("movb %1, %0" : "=q" (v) : "m" (*Register)
			     : "memory");
	return v;
}

FORCEINLINE USHORT READ_REGISTER_USHORT(volatile USHORT *Register)
{
	USHORT v;

	__asm__ __volatile__("movw %1, %0" : "=r" (v) : "m" (*Register)
			     : "memory");
	return v;
}

FORCEINLINE ULONG READ_REGISTER_ULONG(volatile ULONG *Register)
{
	ULONG v;

	__asm__ __volatile__("movl %1, %0" : "=r" (v) : "m" (*Register)
			     : "memory");
	return v;
}

FORCEINLINE ULONG64 READ_REGISTER_ULONG64(volatile ULONG64 *Register)
{
	ULONG64 v;

	__asm__ __volatile__("movq %1, %0" : "=r" (v) : "m" (*Register)
			     : "memory");
	return v;
}

FORCEINLINE VOID WRITE_REGISTER_UCHAR(volatile UCHAR *Register, UCHAR Value)
{
	__asm__ __volatile__("movb %1, %0" : "=m" (*Register) : "q" (Value)
			     : "memory");
	KeMemoryBarrier();
}

FORCEINLINE VOID WRITE_REGISTER_USHORT(volatile USHORT *Register,
				       USHORT Value)
{
	__asm__ __volatile__("movw %1, %0" : "=m" (*Register) : "r" (Value)
			     : "memory");
	KeMemoryBarrier();
}

FORCEINLINE VOID WRITE_REGISTER_ULONG(volatile ULONG *Register, ULONG Value)
{
	__asm__ __volatile__("movl %1, %0" : "=m" (*Register) : "r" (Value)
			     : "memory");
	KeMemoryBarrier();
}

FORCEINLINE VOID WRITE_REGISTER_ULONG64(volatile ULONG64 *Register,
					ULONG64 Value)
{
	__asm__ __volatile__("movq %1, %0" : "=m" (*Register) : "r" (Value)
			     : "memory");
	KeMemoryBarrier();
}

/*
 * The buffer forms move Count elements between Buffer and the registers
 * from Register up (consecutive addresses, like the WDK's movs), one
 * access of the element's size each.
 */
#define WDM_REGISTER_BUFFER(type)					\
FORCEINLINE VOID READ_REGISTER_BUFFER_##type(volatile type *Register,	\
					     type *Buffer, ULONG Count)	\
{									\
	ULONG i;							\
									\
	for (i = 0; i < Count; i++)					\
		Buffer[i] = READ_REGISTER_##type(&Register[i]);		\
}									\
									\
FORCEINLINE VOID WRITE_REGISTER_BUFFER_##type(volatile type *Register, \
					      type *Buffer, ULONG Count) \
{									\
	ULONG i;							\
									\
	for (i = 0; i < Count; i++)					\
		__asm__ __volatile__("mov %1, %0" : "=m" (Register[i])	\
				     : "r" (Buffer[i]) : "memory");	\
	KeMemoryBarrier();						\
}

WDM_REGISTER_BUFFER(UCHAR)
WDM_REGISTER_BUFFER(USHORT)
WDM_REGISTER_BUFFER(ULONG)
WDM_REGISTER_BUFFER(ULONG64)
#undef WDM_REGISTER_BUFFER

/* Ports: the port number (a translated CmResourceTypePort start) */
#define WDM_PORT(Port) ((USHORT)(ULONG_PTR)(Port))

FORCEINLINE UCHAR READ_PORT_UCHAR(PUCHAR Port)
{
	UCHAR v;

	__asm__ __volatile__("inb %w1, %b0" : "=a" (v) : "Nd" (WDM_PORT(Port))
			     : "memory");
	return v;
}

FORCEINLINE USHORT READ_PORT_USHORT(PUSHORT Port)
{
	USHORT v;

	__asm__ __volatile__("inw %w1, %w0" : "=a" (v) : "Nd" (WDM_PORT(Port))
			     : "memory");
	return v;
}

FORCEINLINE ULONG READ_PORT_ULONG(PULONG Port)
{
	ULONG v;

	__asm__ __volatile__("inl %w1, %k0" : "=a" (v) : "Nd" (WDM_PORT(Port))
			     : "memory");
	return v;
}

FORCEINLINE VOID WRITE_PORT_UCHAR(PUCHAR Port, UCHAR Value)
{
	__asm__ __volatile__("outb %b0, %w1" : : "a" (Value),
			     "Nd" (WDM_PORT(Port)) : "memory");
}

FORCEINLINE VOID WRITE_PORT_USHORT(PUSHORT Port, USHORT Value)
{
	__asm__ __volatile__("outw %w0, %w1" : : "a" (Value),
			     "Nd" (WDM_PORT(Port)) : "memory");
}

FORCEINLINE VOID WRITE_PORT_ULONG(PULONG Port, ULONG Value)
{
	__asm__ __volatile__("outl %k0, %w1" : : "a" (Value),
			     "Nd" (WDM_PORT(Port)) : "memory");
}

/* The port buffer forms move Count elements through the one port. */
#define WDM_PORT_BUFFER(type, sfx)				\
FORCEINLINE VOID READ_PORT_BUFFER_##type(type *Port, type *Buffer,	\
					 ULONG Count)			\
{									\
	ULONG_PTR n = Count;						\
									\
	__asm__ __volatile__("rep ins" #sfx : "+D" (Buffer), "+c" (n)	\
			     : "d" (WDM_PORT(Port)) : "memory");	\
}									\
									\
FORCEINLINE VOID WRITE_PORT_BUFFER_##type(type *Port, type *Buffer,	\
					  ULONG Count)			\
{									\
	ULONG_PTR n = Count;						\
									\
	__asm__ __volatile__("rep outs" #sfx : "+S" (Buffer), "+c" (n)	\
			     : "d" (WDM_PORT(Port)) : "memory");	\
}

WDM_PORT_BUFFER(UCHAR, b)
WDM_PORT_BUFFER(USHORT, w)
WDM_PORT_BUFFER(ULONG, l)
#undef WDM_PORT_BUFFER

/*
 * Interrupt objects. A KINTERRUPT is wdmshim's own (opaque): a Linux
 * interrupt number, the handler that calls the driver's ISR in hard
 * interrupt context with the interrupt spin lock held (a spinlock_t, or
 * the driver's KSPIN_LOCK), and that lock. The vector a driver connects
 * is the Linux interrupt number the PnP manager put in its translated
 * CM_PARTIAL_RESOURCE_DESCRIPTOR. In an ISR KeGetCurrentIrql() says the
 * device IRQL the message table reports (UnifiedIrql); holding the
 * interrupt spin lock elsewhere (KeSynchronizeExecution,
 * KeAcquireInterruptSpinLock) interrupts are off and it says HIGH_LEVEL.
 */
typedef struct _KINTERRUPT KINTERRUPT, *PKINTERRUPT, *PRKINTERRUPT;

typedef enum _KINTERRUPT_MODE {
	LevelSensitive,
	Latched
} KINTERRUPT_MODE;

typedef enum _KINTERRUPT_POLARITY {
	InterruptPolarityUnknown,
	InterruptActiveHigh,
	InterruptRisingEdge = InterruptActiveHigh,
	InterruptActiveLow,
	InterruptFallingEdge = InterruptActiveLow,
	InterruptActiveBoth,
} KINTERRUPT_POLARITY, *PKINTERRUPT_POLARITY;

typedef BOOLEAN NTAPI KSERVICE_ROUTINE(PKINTERRUPT Interrupt,
				       PVOID ServiceContext);
typedef KSERVICE_ROUTINE *PKSERVICE_ROUTINE;
typedef BOOLEAN NTAPI KMESSAGE_SERVICE_ROUTINE(PKINTERRUPT Interrupt,
					       PVOID ServiceContext,
					       ULONG MessageID);
typedef KMESSAGE_SERVICE_ROUTINE *PKMESSAGE_SERVICE_ROUTINE;
typedef BOOLEAN NTAPI KSYNCHRONIZE_ROUTINE(PVOID SynchronizeContext);
typedef KSYNCHRONIZE_ROUTINE *PKSYNCHRONIZE_ROUTINE;

/* IO_CONNECT_INTERRUPT_PARAMETERS.Version */
#define CONNECT_FULLY_SPECIFIED		0x1
#define CONNECT_LINE_BASED		0x2
#define CONNECT_MESSAGE_BASED		0x3
#define CONNECT_FULLY_SPECIFIED_GROUP	0x4
#define CONNECT_CURRENT_VERSION		0x4

typedef struct _IO_INTERRUPT_MESSAGE_INFO_ENTRY {
	PHYSICAL_ADDRESS MessageAddress;
	KAFFINITY TargetProcessorSet;
	PKINTERRUPT InterruptObject;
	ULONG MessageData;
	ULONG Vector;
	KIRQL Irql;
	KINTERRUPT_MODE Mode;
	KINTERRUPT_POLARITY Polarity;
} IO_INTERRUPT_MESSAGE_INFO_ENTRY, *PIO_INTERRUPT_MESSAGE_INFO_ENTRY;

typedef struct _IO_INTERRUPT_MESSAGE_INFO {
	KIRQL UnifiedIrql;
	ULONG MessageCount;
	IO_INTERRUPT_MESSAGE_INFO_ENTRY MessageInfo[1];
} IO_INTERRUPT_MESSAGE_INFO, *PIO_INTERRUPT_MESSAGE_INFO;

/* Group: 0, the only processor group */
typedef struct _IO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS {
	PDEVICE_OBJECT PhysicalDeviceObject;
	PKINTERRUPT *InterruptObject;
	PKSERVICE_ROUTINE ServiceRoutine;
	PVOID ServiceContext;
	PKSPIN_LOCK SpinLock;
	KIRQL SynchronizeIrql;
	BOOLEAN FloatingSave;
	BOOLEAN ShareVector;
	ULONG Vector;
	KIRQL Irql;
	KINTERRUPT_MODE InterruptMode;
	KAFFINITY ProcessorEnableMask;
	USHORT Group;
} IO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS,
	*PIO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS;

typedef struct _IO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS {
	PDEVICE_OBJECT PhysicalDeviceObject;
	PKINTERRUPT *InterruptObject;
	PKSERVICE_ROUTINE ServiceRoutine;
	PVOID ServiceContext;
	PKSPIN_LOCK SpinLock;
	KIRQL SynchronizeIrql;
	BOOLEAN FloatingSave;
} IO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS,
	*PIO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS;

typedef struct _IO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS {
	PDEVICE_OBJECT PhysicalDeviceObject;
	union {
		PVOID *Generic;
		PIO_INTERRUPT_MESSAGE_INFO *InterruptMessageTable;
		PKINTERRUPT *InterruptObject;
	} ConnectionContext;
	PKMESSAGE_SERVICE_ROUTINE MessageServiceRoutine;
	PVOID ServiceContext;
	PKSPIN_LOCK SpinLock;
	KIRQL SynchronizeIrql;
	BOOLEAN FloatingSave;
	PKSERVICE_ROUTINE FallBackServiceRoutine;
} IO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS,
	*PIO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS;

typedef struct _IO_CONNECT_INTERRUPT_PARAMETERS {
	ULONG Version;
	union {
		IO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS FullySpecified;
		IO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS LineBased;
		IO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS MessageBased;
	};
} IO_CONNECT_INTERRUPT_PARAMETERS, *PIO_CONNECT_INTERRUPT_PARAMETERS;

typedef struct _IO_DISCONNECT_INTERRUPT_PARAMETERS {
	ULONG Version;
	union {
		PVOID Generic;
		PKINTERRUPT InterruptObject;
		PIO_INTERRUPT_MESSAGE_INFO InterruptMessageTable;
	} ConnectionContext;
} IO_DISCONNECT_INTERRUPT_PARAMETERS, *PIO_DISCONNECT_INTERRUPT_PARAMETERS;

NTSTATUS NTAPI IoConnectInterrupt(PKINTERRUPT *InterruptObject,
				  PKSERVICE_ROUTINE ServiceRoutine,
				  PVOID ServiceContext, PKSPIN_LOCK SpinLock,
				  ULONG Vector, KIRQL Irql,
				  KIRQL SynchronizeIrql,
				  KINTERRUPT_MODE InterruptMode,
				  BOOLEAN ShareVector,
				  KAFFINITY ProcessorEnableMask,
				  BOOLEAN FloatingSave);
VOID NTAPI IoDisconnectInterrupt(PKINTERRUPT InterruptObject);
NTSTATUS NTAPI IoConnectInterruptEx(PIO_CONNECT_INTERRUPT_PARAMETERS Parameters);
VOID NTAPI IoDisconnectInterruptEx(PIO_DISCONNECT_INTERRUPT_PARAMETERS Parameters);
BOOLEAN NTAPI KeSynchronizeExecution(PKINTERRUPT Interrupt,
				     PKSYNCHRONIZE_ROUTINE SynchronizeRoutine,
				     PVOID SynchronizeContext);
KIRQL NTAPI KeAcquireInterruptSpinLock(PKINTERRUPT Interrupt);
VOID NTAPI KeReleaseInterruptSpinLock(PKINTERRUPT Interrupt, KIRQL OldIrql);

/*
 * DMA adapters: bus-master DMA through the Linux DMA API on the PDO's
 * Linux device (its DMA mask set from the DEVICE_DESCRIPTION). Logical
 * addresses are Linux DMA addresses. An adapter without ScatterGather
 * gets one contiguous logical range per transfer, through a bounce buffer
 * when the pages are not contiguous (as map registers would on Windows).
 */
/* INTERFACE_TYPE: wdmshim/pnp.h */

typedef enum _DMA_WIDTH {
	Width8Bits,
	Width16Bits,
	Width32Bits,
	Width64Bits,
	WidthNoWrap,
	MaximumDmaWidth
} DMA_WIDTH, *PDMA_WIDTH;

typedef enum _DMA_SPEED {
	Compatible,
	TypeA,
	TypeB,
	TypeC,
	TypeF,
	MaximumDmaSpeed
} DMA_SPEED, *PDMA_SPEED;

#define DEVICE_DESCRIPTION_VERSION	0x0000
#define DEVICE_DESCRIPTION_VERSION1	0x0001
#define DEVICE_DESCRIPTION_VERSION2	0x0002
#define DEVICE_DESCRIPTION_VERSION3	0x0003

typedef struct _DEVICE_DESCRIPTION {
	ULONG Version;
	BOOLEAN Master;
	BOOLEAN ScatterGather;
	BOOLEAN DemandMode;
	BOOLEAN AutoInitialize;
	BOOLEAN Dma32BitAddresses;
	BOOLEAN IgnoreCount;
	BOOLEAN Reserved1;
	BOOLEAN Dma64BitAddresses;
	ULONG BusNumber;
	ULONG DmaChannel;
	INTERFACE_TYPE InterfaceType;
	DMA_WIDTH DmaWidth;
	DMA_SPEED DmaSpeed;
	ULONG MaximumLength;
	ULONG DmaPort;
	/* DEVICE_DESCRIPTION_VERSION3 */
	ULONG DmaAddressWidth;
	ULONG DmaControllerInstance;
	ULONG DmaRequestLine;
	PHYSICAL_ADDRESS DeviceAddress;
} DEVICE_DESCRIPTION, *PDEVICE_DESCRIPTION;

typedef struct _SCATTER_GATHER_ELEMENT {
	PHYSICAL_ADDRESS Address;
	ULONG Length;
	ULONG_PTR Reserved;
} SCATTER_GATHER_ELEMENT, *PSCATTER_GATHER_ELEMENT;

typedef struct _SCATTER_GATHER_LIST {
	ULONG NumberOfElements;
	ULONG_PTR Reserved;
	SCATTER_GATHER_ELEMENT Elements[];
} SCATTER_GATHER_LIST, *PSCATTER_GATHER_LIST;

typedef enum _IO_ALLOCATION_ACTION {
	KeepObject = 1,
	DeallocateObject,
	DeallocateObjectKeepRegisters
} IO_ALLOCATION_ACTION, *PIO_ALLOCATION_ACTION;

typedef IO_ALLOCATION_ACTION NTAPI DRIVER_CONTROL(PDEVICE_OBJECT DeviceObject,
						  PIRP Irp,
						  PVOID MapRegisterBase,
						  PVOID Context);
typedef DRIVER_CONTROL *PDRIVER_CONTROL;
typedef VOID NTAPI DRIVER_LIST_CONTROL(PDEVICE_OBJECT DeviceObject, PIRP Irp,
				       PSCATTER_GATHER_LIST ScatterGather,
				       PVOID Context);
typedef DRIVER_LIST_CONTROL *PDRIVER_LIST_CONTROL;

struct _DMA_OPERATIONS;

typedef struct _DMA_ADAPTER {
	USHORT Version;
	USHORT Size;
	struct _DMA_OPERATIONS *DmaOperations;
} DMA_ADAPTER, *PDMA_ADAPTER, *PADAPTER_OBJECT;

typedef VOID NTAPI PUT_DMA_ADAPTER(PDMA_ADAPTER DmaAdapter);
typedef PUT_DMA_ADAPTER *PPUT_DMA_ADAPTER;
typedef PVOID NTAPI ALLOCATE_COMMON_BUFFER(PDMA_ADAPTER DmaAdapter,
					  ULONG Length,
					  PPHYSICAL_ADDRESS LogicalAddress,
					  BOOLEAN CacheEnabled);
typedef ALLOCATE_COMMON_BUFFER *PALLOCATE_COMMON_BUFFER;
typedef VOID NTAPI FREE_COMMON_BUFFER(PDMA_ADAPTER DmaAdapter, ULONG Length,
				      PHYSICAL_ADDRESS LogicalAddress,
				      PVOID VirtualAddress,
				      BOOLEAN CacheEnabled);
typedef FREE_COMMON_BUFFER *PFREE_COMMON_BUFFER;
typedef NTSTATUS NTAPI ALLOCATE_ADAPTER_CHANNEL(PDMA_ADAPTER DmaAdapter,
						PDEVICE_OBJECT DeviceObject,
						ULONG NumberOfMapRegisters,
						PDRIVER_CONTROL ExecutionRoutine,
						PVOID Context);
typedef ALLOCATE_ADAPTER_CHANNEL *PALLOCATE_ADAPTER_CHANNEL;
typedef BOOLEAN NTAPI FLUSH_ADAPTER_BUFFERS(PDMA_ADAPTER DmaAdapter, PMDL Mdl,
					    PVOID MapRegisterBase,
					    PVOID CurrentVa, ULONG Length,
					    BOOLEAN WriteToDevice);
typedef FLUSH_ADAPTER_BUFFERS *PFLUSH_ADAPTER_BUFFERS;
typedef VOID NTAPI FREE_ADAPTER_CHANNEL(PDMA_ADAPTER DmaAdapter);
typedef FREE_ADAPTER_CHANNEL *PFREE_ADAPTER_CHANNEL;
typedef VOID NTAPI FREE_MAP_REGISTERS(PDMA_ADAPTER DmaAdapter,
				      PVOID MapRegisterBase,
				      ULONG NumberOfMapRegisters);
typedef FREE_MAP_REGISTERS *PFREE_MAP_REGISTERS;
typedef PHYSICAL_ADDRESS NTAPI MAP_TRANSFER(PDMA_ADAPTER DmaAdapter, PMDL Mdl,
					    PVOID MapRegisterBase,
					    PVOID CurrentVa, PULONG Length,
					    BOOLEAN WriteToDevice);
typedef MAP_TRANSFER *PMAP_TRANSFER;
typedef ULONG NTAPI GET_DMA_ALIGNMENT(PDMA_ADAPTER DmaAdapter);
typedef GET_DMA_ALIGNMENT *PGET_DMA_ALIGNMENT;
typedef ULONG NTAPI READ_DMA_COUNTER(PDMA_ADAPTER DmaAdapter);
typedef READ_DMA_COUNTER *PREAD_DMA_COUNTER;
typedef NTSTATUS NTAPI GET_SCATTER_GATHER_LIST(PDMA_ADAPTER DmaAdapter,
					       PDEVICE_OBJECT DeviceObject,
					       PMDL Mdl, PVOID CurrentVa,
					       ULONG Length,
					       PDRIVER_LIST_CONTROL ExecutionRoutine,
					       PVOID Context,
					       BOOLEAN WriteToDevice);
typedef GET_SCATTER_GATHER_LIST *PGET_SCATTER_GATHER_LIST;
typedef VOID NTAPI PUT_SCATTER_GATHER_LIST(PDMA_ADAPTER DmaAdapter,
					   PSCATTER_GATHER_LIST ScatterGather,
					   BOOLEAN WriteToDevice);
typedef PUT_SCATTER_GATHER_LIST *PPUT_SCATTER_GATHER_LIST;
typedef NTSTATUS NTAPI CALCULATE_SCATTER_GATHER_LIST_SIZE(PDMA_ADAPTER DmaAdapter,
							  PMDL Mdl,
							  PVOID CurrentVa,
							  ULONG Length,
							  PULONG ScatterGatherListSize,
							  PULONG pNumberOfMapRegisters);
typedef CALCULATE_SCATTER_GATHER_LIST_SIZE *PCALCULATE_SCATTER_GATHER_LIST_SIZE;
typedef NTSTATUS NTAPI BUILD_SCATTER_GATHER_LIST(PDMA_ADAPTER DmaAdapter,
						 PDEVICE_OBJECT DeviceObject,
						 PMDL Mdl, PVOID CurrentVa,
						 ULONG Length,
						 PDRIVER_LIST_CONTROL ExecutionRoutine,
						 PVOID Context,
						 BOOLEAN WriteToDevice,
						 PVOID ScatterGatherBuffer,
						 ULONG ScatterGatherLength);
typedef BUILD_SCATTER_GATHER_LIST *PBUILD_SCATTER_GATHER_LIST;
typedef NTSTATUS NTAPI BUILD_MDL_FROM_SCATTER_GATHER_LIST(PDMA_ADAPTER DmaAdapter,
							  PSCATTER_GATHER_LIST ScatterGather,
							  PMDL OriginalMdl,
							  PMDL *TargetMdl);
typedef BUILD_MDL_FROM_SCATTER_GATHER_LIST *PBUILD_MDL_FROM_SCATTER_GATHER_LIST;

/*
 * The adapter's routines. ReadDmaCounter (system DMA controllers only)
 * and BuildMdlFromScatterGatherList are not offered: they are NULL.
 */
typedef struct _DMA_OPERATIONS {
	ULONG Size;
	PPUT_DMA_ADAPTER PutDmaAdapter;
	PALLOCATE_COMMON_BUFFER AllocateCommonBuffer;
	PFREE_COMMON_BUFFER FreeCommonBuffer;
	PALLOCATE_ADAPTER_CHANNEL AllocateAdapterChannel;
	PFLUSH_ADAPTER_BUFFERS FlushAdapterBuffers;
	PFREE_ADAPTER_CHANNEL FreeAdapterChannel;
	PFREE_MAP_REGISTERS FreeMapRegisters;
	PMAP_TRANSFER MapTransfer;
	PGET_DMA_ALIGNMENT GetDmaAlignment;
	PREAD_DMA_COUNTER ReadDmaCounter;
	PGET_SCATTER_GATHER_LIST GetScatterGatherList;
	PPUT_SCATTER_GATHER_LIST PutScatterGatherList;
	PCALCULATE_SCATTER_GATHER_LIST_SIZE CalculateScatterGatherList;
	PBUILD_SCATTER_GATHER_LIST BuildScatterGatherList;
	PBUILD_MDL_FROM_SCATTER_GATHER_LIST BuildMdlFromScatterGatherList;
} DMA_OPERATIONS, *PDMA_OPERATIONS;

PDMA_ADAPTER NTAPI IoGetDmaAdapter(PDEVICE_OBJECT PhysicalDeviceObject,
				   PDEVICE_DESCRIPTION DeviceDescription,
				   PULONG NumberOfMapRegisters);

#endif /* _WDMSHIM_HAL_H */
