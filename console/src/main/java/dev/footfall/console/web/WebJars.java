package dev.footfall.console.web;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.webjars.WebJarVersionLocator;

/**
 * Front-end libraries served straight from their WebJars on the classpath (Maven Central jars, no
 * npm step): {@code /vendor/uplot/dist/uPlot.esm.js} is {@code dist/uPlot.esm.js} of the uPlot
 * WebJar. URLs carry no version, so the pages need no change when the root pom moves a version.
 */
public final class WebJars {

    /** Where the pages find the libraries. */
    public static final String PREFIX = "/vendor/";

    private WebJars() {
    }

    /** A handler for one WebJar's files, to be mapped at {@code PREFIX + name + "/*"}. */
    public static ResourceHandler handler(Server server, String name) {
        String version = new WebJarVersionLocator().version(name);
        if (version == null) {
            throw new IllegalStateException("the WebJar '" + name + "' is not on the classpath");
        }
        // The version's folder, not dist/: a WebJar's jar lists no entries for its inner folders,
        // and a class loader finds a folder only by its entry.
        String folder = WebJarVersionLocator.WEBJARS_PATH_PREFIX + "/" + name + "/" + version + "/";
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newClassLoaderResource(folder));
        files.setDirAllowed(false);
        // Version-less URLs: a browser revalidates (ETag) rather than keep an old copy after an upgrade.
        files.setCacheControl("no-cache");
        return files;
    }
}
