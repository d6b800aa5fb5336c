package io.asyncworkbench.transport;

import io.asyncworkbench.cli.ParsingConverter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;

import java.net.StandardSocketOptions;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O transport a server runs on: {@code --transport auto|epoll|io_uring|nio}.
 *
 * <p>{@code auto} resolves to epoll where Netty's native epoll library loads (Linux), else to
 * Java NIO; io_uring is used only when asked for, since many kernels and containers disable it.
 * A transport asked for by name that does not load is an error that says why, never a silent
 * fallback, because a benchmark must run on what its startup line says.
 */
public enum Transport {
    AUTO, EPOLL, IO_URING, NIO;

    /** The concrete transport to run on; {@code AUTO} becomes {@code EPOLL} or {@code NIO}. */
    public Transport resolve() {
        return switch (this) {
            case AUTO -> Epoll.isAvailable() ? EPOLL : NIO;
            case EPOLL -> require(Epoll.isAvailable(), Epoll.unavailabilityCause());
            case IO_URING -> require(IoUring.isAvailable(), IoUring.unavailabilityCause());
            case NIO -> NIO;
        };
    }

    private Transport require(boolean available, Throwable cause) {
        if (!available) {
            throw new IllegalStateException("transport " + label() + " is not available here: " + cause);
        }
        return this;
    }

    /** An event loop group of {@code threads} threads named {@code name-0}, {@code name-1}, ... */
    public EventLoopGroup newEventLoopGroup(int threads, String name) {
        AtomicInteger next = new AtomicInteger();
        ThreadFactory named = task -> new FastThreadLocalThread(task, name + "-" + next.getAndIncrement());
        return new MultiThreadIoEventLoopGroup(threads, named, ioHandlerFactory());
    }

    private IoHandlerFactory ioHandlerFactory() {
        return switch (concrete()) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return switch (concrete()) {
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
    }

    /** The option that sets SO_REUSEPORT on a listening socket of this transport. */
    public ChannelOption<Boolean> reusePortOption() {
        return switch (concrete()) {
            case EPOLL -> EpollChannelOption.SO_REUSEPORT;
            case IO_URING -> IoUringChannelOption.SO_REUSEPORT;
            default -> NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
        };
    }

    private Transport concrete() {
        return this == AUTO ? resolve() : this;
    }

    /** The name used on the command line and in the startup line: {@code epoll}, {@code io_uring}, {@code nio}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@code --transport} value. */
    public static Transport parse(String text) {
        for (Transport t : values()) {
            if (t.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + text + "' (expected auto, epoll, io_uring or nio)");
    }

    /** The picocli converter for {@code --transport}. */
    public static final class Converter extends ParsingConverter<Transport> {
        public Converter() {
            super(Transport::parse);
        }
    }
}
