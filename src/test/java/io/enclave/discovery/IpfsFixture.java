package io.enclave.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.enclave.testsupport.IpfsNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Adds documents to the test IPFS node as CIDv1 raw blocks. */
public final class IpfsFixture {
    private IpfsFixture() {
    }

    /** Adds {@code body}; returns its CID. */
    public static String add(IpfsNode ipfs, byte[] body) throws Exception {
        String boundary = "enclave-boundary-" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> added = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ipfs.apiUrl()
                + "/api/v0/add?cid-version=1&raw-leaves=true&cid-base=base32&pin=true"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (added.statusCode() != 200) {
            throw new IllegalStateException("ipfs add: " + added.statusCode() + " " + added.body());
        }
        return new ObjectMapper().readTree(added.body()).get("Hash").asText();
    }
}
