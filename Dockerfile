# The API as a container image: `docker compose up` runs it beside Neo4j (docker-compose.yml);
# README, "Container", says how it was checked. Two stages: the build has every dependency and
# leaves dist/ behind; the runtime has the production dependencies, dist/ and the files the server
# reads (schema.graphql, schema/trusted-documents.json, seed/, package.json), and runs as `node`.
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json schema.graphql ./
COPY src src
COPY scripts scripts
COPY web web
COPY operations operations
RUN npm run build

FROM node:${NODE_VERSION}-slim
# Production defaults (GraphiQL and introspection off unless KG_GRAPHIQL / KG_INTROSPECTION say
# on), and every interface: the container's network, not the host's, decides who reaches it.
ENV NODE_ENV=production \
    KG_HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist dist
COPY schema.graphql ./
COPY schema schema
COPY seed seed
COPY operations operations
COPY bin/kg.js bin/kg.js
USER node
EXPOSE 4000
# Ready when Neo4j answers too (/ready), not merely when the process is up; the slim image has no
# curl, so Node asks.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/ready').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node itself, not npm: SIGTERM from `docker stop` reaches the server, which drains and exits.
CMD ["node", "--enable-source-maps", "dist/main.js"]
